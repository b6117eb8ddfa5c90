using System.Text;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Tests.Classification;

public class Http502ClassifierTests
{
    private static Http502Classification Classify(string line, params string[] httpsTargetGroups)
    {
        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var record, out _));
        return new Http502Classifier(httpsTargetGroups).Classify(record);
    }

    [Fact]
    public void Classify_AllTimingsMinusOneWithTarget_IsTargetConnectionFailed()
    {
        var verdict = Classify(TestLines.Line(times: "-1 -1 -1", status: "502 -"));

        Assert.Equal((Http502Cause.TargetConnectionFailed, Origin.LoadBalancer, Hypothesis.None), (verdict.Cause, verdict.Origin, verdict.Hypothesis));
    }

    [Fact]
    public void Classify_ConnectionFailureOnPort443_LeadsWithTlsHandshake()
    {
        var verdict = Classify(TestLines.Line(target: "10.0.1.12:443", times: "-1 -1 -1", status: "502 -"));

        Assert.Equal((Http502Cause.TargetConnectionFailed, Hypothesis.TlsHandshake), (verdict.Cause, verdict.Hypothesis));
    }

    [Theory]
    [InlineData("web")]
    [InlineData(TestLines.TargetGroup)]
    public void Classify_ConnectionFailureInConfiguredHttpsTargetGroup_LeadsWithTlsHandshake(string configured)
    {
        var verdict = Classify(TestLines.Line(times: "-1 -1 -1", status: "502 -"), configured);

        Assert.Equal(Hypothesis.TlsHandshake, verdict.Hypothesis);
    }

    [Theory]
    [InlineData("0.001 0.004 -1", Hypothesis.KeepAliveRace)]
    [InlineData("0.000 0.000 -1", Hypothesis.KeepAliveRace)]
    [InlineData("0.001 0.010 -1", Hypothesis.ClosedMidRequest)]
    [InlineData("0.001 4.205 -1", Hypothesis.ClosedMidRequest)]
    [InlineData("0.001 29.999 -1", Hypothesis.ClosedMidRequest)]
    [InlineData("0.001 30.000 -1", Hypothesis.LongRequestCut)]
    [InlineData("0.002 299.870 -1", Hypothesis.LongRequestCut)]
    public void Classify_ResponseTimeMinusOne_IsTargetClosedConnectionWithHypothesisByTargetTime(string times, Hypothesis hypothesis)
    {
        var verdict = Classify(TestLines.Line(times: times, status: "502 -"));

        Assert.Equal((Http502Cause.TargetClosedConnection, Origin.LoadBalancer, hypothesis), (verdict.Cause, verdict.Origin, verdict.Hypothesis));
    }

    [Theory]
    [InlineData("LambdaResponseTooLarge", Http502Cause.LambdaResponseTooLarge)]
    [InlineData("LambdaUnhandled", Http502Cause.LambdaUnhandled)]
    [InlineData("LambdaThrottling", Http502Cause.LambdaThrottled)]
    [InlineData("LambdaInvalidResponse", Http502Cause.LambdaInvalidResponse)]
    [InlineData("LambdaKMSAccessDeniedException", Http502Cause.LambdaError)]
    [InlineData("LambdaAccessDenied", Http502Cause.LambdaError)]
    [InlineData("LambdaServiceException", Http502Cause.LambdaError)]
    public void Classify_LambdaErrorReason_IsTheMatchingLambdaCause(string errorReason, Http502Cause cause)
    {
        var verdict = Classify(TestLines.Line(target: "-", times: "0.000 0.001 0.000", status: "502 -", errorReason: errorReason));

        Assert.Equal((cause, Origin.LoadBalancer), (verdict.Cause, verdict.Origin));
    }

    [Fact]
    public void Classify_FixedResponseAction_IsFixedResponseWhateverElse()
    {
        var verdict = Classify(TestLines.Line(target: "-", times: "-1 -1 -1", status: "502 -", actions: "waf,fixed-response", targetGroup: "-"));

        Assert.Equal(Http502Cause.FixedResponse, verdict.Cause);
    }

    [Fact]
    public void Classify_TargetStatus502_IsTargetReturned502WithTargetOrigin()
    {
        var verdict = Classify(TestLines.Line(times: "0.001 0.350 0.000", status: "502 502"));

        Assert.Equal((Http502Cause.TargetReturned502, Origin.Target), (verdict.Cause, verdict.Origin));
    }

    [Theory]
    [InlineData("-", "0.001 0.350 0.000", "502 200", "-")]
    [InlineData("10.0.1.12:8080", "0.001 0.350 -1", "502 200", "-")]
    [InlineData("-", "0.000 0.001 0.000", "502 -", "AuthUnhandledException")]
    [InlineData("-", "0.000 0.001 0.000", "502 -", "-")]
    [InlineData("10.0.1.12:8080", "0.001 0.350 0.000", "502 -", "-")]
    [InlineData("10.0.1.12:8080", "-1 0.350 -1", "502 -", "-")]
    public void Classify_NoDocumentedSignature_IsLoadBalancerOther(string target, string times, string status, string errorReason)
    {
        var verdict = Classify(TestLines.Line(target: target, times: times, status: status, errorReason: errorReason));

        Assert.Equal((Http502Cause.LoadBalancerOther, Origin.LoadBalancer), (verdict.Cause, verdict.Origin));
    }

    [Fact]
    public void Catalog_EveryCause_HasStableKebabIdAndText()
    {
        var ids = CauseCatalog.Causes.Select(c => c.Id).ToArray();

        Assert.Equal(
            ["target-connection-failed", "target-closed-connection", "lambda-response-too-large", "lambda-unhandled", "lambda-throttled",
             "lambda-invalid-response", "lambda-error", "fixed-response", "load-balancer-other", "target-returned-502"], ids);
        Assert.All(CauseCatalog.Causes, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Meaning));
            Assert.False(string.IsNullOrWhiteSpace(c.Confirm));
            Assert.False(string.IsNullOrWhiteSpace(c.Remedy));
            Assert.True(CauseCatalog.TryParse(c.Id, out var back) && back == c.Cause);
        });
    }
}
