using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Rendering;

/// <summary>The text report (also the SNS message body) carries the v2 diagnosis: code details, spread, timeline, context.</summary>
public class TextReportDiagnosisTests
{
    private static string Render(params string[] lines)
    {
        using var session = new AnalysisSession();
        session.Analyze("a.log", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")));
        return TextReportRenderer.Render(session.BuildReport());
    }

    [Fact]
    public void Render_LambdaCodes_ListEachWithItsMeaningMetricAndFix()
    {
        var text = Render(
            TestLines.Line(target: "-", times: "0.000 0.001 0.000", status: "502 -", errorReason: "LambdaServiceException"),
            TestLines.Line(target: "-", times: "0.000 0.001 0.000", status: "502 -", errorReason: "LambdaBadRequest"));

        Assert.Contains("lambda-internal-error: 1", text, StringComparison.Ordinal);
        Assert.Contains("LambdaServiceException (1): Lambda failed internally. Metric: LambdaInternalError. Fix: An AWS-side failure", text, StringComparison.Ordinal);
        Assert.Contains("LambdaBadRequest (1): The client sent request headers or a body that are not valid UTF-8", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TargetCause_ShowsSpreadTimelineAndContext()
    {
        var text = Render(
            TestLines.Line(target: "10.0.1.1:8080"),
            TestLines.Line(target: "10.0.1.2:8080"),
            TestLines.Line(target: "10.0.1.3:8080"),
            TestLines.Line(target: "10.0.1.1:8080", times: "0.001 4.205 -1", status: "502 -", actions: "waf,forward",
                tail: "\"Ambiguous\" \"SuspiciousHeader\" TID_37acbe0641d1c34287fee137ef3a5286"),
            TestLines.Line(target: "10.0.1.2:8080", time: "2026-11-24T10:04:01.000000Z", times: "0.001 0.002 -1", status: "502 -"));

        Assert.Contains("   Spread: 2 of 3 targets of the same target groups", text, StringComparison.Ordinal);
        Assert.Contains("   Per minute (UTC): 10:03 1, 10:04 1", text, StringComparison.Ordinal);
        Assert.Contains("   Context: desync Ambiguous 1, action waf 1", text, StringComparison.Ordinal);
        Assert.Contains("   Evidence: - (2)", text, StringComparison.Ordinal);
    }
}
