using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Evidence;

/// <summary>
/// What AWS's evidence does to a real report: the verdict per cause, the hypotheses the target groups' configuration
/// settles (TLS raised or ruled out, the idle timeout quoted, long requests against the deregistration delay), and the
/// same figures in the text, JSON and HTML outputs.
/// </summary>
public class ReportConfirmationTests
{
    private const string Https = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-https/1111111111111111";
    private const string Http = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-http/2222222222222222";
    private const string Refused = "-1 -1 -1";

    private static readonly EvidenceWindow s_window = new(
        new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero));

    private static AnalysisReport Analyze(AnalysisOptions options, IEnumerable<string> lines)
    {
        using var session = new AnalysisSession(options);
        session.Analyze("a.log", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")));
        return session.BuildReport();
    }

    /// <summary>Connection failures on one target that also served, in the given target group.</summary>
    private static IEnumerable<string> ConnectionFailures(string group, int failures)
    {
        yield return TestLines.Line(targetGroup: group);
        for (int i = 0; i < failures; i++) yield return TestLines.Line(targetGroup: group, times: Refused, status: "502 -");
    }

    private static EvidencePart<MetricReadings> Readings(params (string Name, double Value)[] values) =>
        EvidencePart<MetricReadings>.Available(new MetricReadings(values.Select(v => new MetricReading(v.Name, v.Value, v.Value > 0 ? 1 : 0))));

    private static TargetGroupEvidence Group(string arn, string protocol, double tlsErrors = 0, int deregistrationDelay = 300) =>
        new(arn,
            Readings((EvidenceMetrics.TargetTlsNegotiationErrorCount, tlsErrors)),
            EvidencePart<TargetGroupConfiguration>.Available(new TargetGroupConfiguration(protocol, "instance", arn.Split('/')[1])),
            EvidencePart<int>.Available(deregistrationDelay),
            EvidencePart<LambdaFunctionEvidence>.Unavailable(UnavailableReason.NotAsked, "not a Lambda target group"));

    private static LoadBalancerEvidence Evidence(int idleTimeout, params TargetGroupEvidence[] groups) =>
        new(TestLines.Elb, s_window,
            Readings((EvidenceMetrics.Elb502Count, 10), (EvidenceMetrics.TargetConnectionErrorCount, 0),
                (EvidenceMetrics.TargetTlsNegotiationErrorCount, groups.Sum(g => g.Metrics.Value!.Get(EvidenceMetrics.TargetTlsNegotiationErrorCount).Value))),
            EvidencePart<int>.Available(idleTimeout), groups);

    private static CauseReport Cause(AnalysisReport report, Http502Cause cause) => report.Causes.Single(c => c.Info.Cause == cause);

    [Fact]
    public void HttpsGroupWithTlsFailures_RaisesTlsHandshakeToTheLeadWithHighConfidence()
    {
        // Not configured as HTTPS: the log alone reads these as an intermittent target.
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Https, 4));
        Assert.DoesNotContain(Cause(report, Http502Cause.TargetConnectionFailed).Hypotheses, h => h.Info.Hypothesis == Hypothesis.TlsHandshake);

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, Group(Https, "HTTPS", tlsErrors: 4)), s_window);
        var settled = confirmation.ApplyTo(report);

        var finding = Assert.Single(confirmation.Findings);
        Assert.Equal(("target-connection-failed", "tls-handshake", HypothesisSettlement.Raised), (finding.CauseId, finding.HypothesisId, finding.Settlement));
        Assert.Contains("web-https speaks HTTPS", finding.Line, StringComparison.Ordinal);
        Assert.Contains("TargetTLSNegotiationErrorCount is 4", finding.Line, StringComparison.Ordinal);
        // The log's reading (intermittent) becomes the alternative: the hypotheses still add up to the cause's count.
        var lead = Assert.Single(Cause(settled, Http502Cause.TargetConnectionFailed).Hypotheses);
        Assert.Equal((Hypothesis.TlsHandshake, Confidence.High, 4L, Hypothesis.Intermittent), (lead.Info.Hypothesis, lead.Confidence, lead.Count, lead.Alternative));
        // The verdict itself: TargetConnectionErrorCount 0 while TLS negotiations failed points to TLS.
        var verdict = Assert.Single(confirmation.Causes);
        Assert.Equal(ConfirmationVerdict.Contradicted, verdict.Confirmation.Verdict);
        Assert.False(confirmation.TopCauseConfirmed);
    }

    [Fact]
    public void FailuresOnAnHttpGroup_AreNotRaisedToTlsByAnotherGroupsTlsFailures()
    {
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Http, 3).Concat([TestLines.Line(targetGroup: Https, target: "10.0.2.7:443")]));

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, Group(Http, "HTTP"), Group(Https, "HTTPS", tlsErrors: 9)), s_window);

        Assert.DoesNotContain(confirmation.Findings, f => f.Settlement == HypothesisSettlement.Raised);
        Assert.Same(report, confirmation.ApplyTo(report));
    }

    [Fact]
    public void GroupConfigurationRefused_NeitherRaisesNorRulesOut()
    {
        var report = Analyze(new AnalysisOptions { HttpsTargetGroups = [Https] }, ConnectionFailures(Https, 2));
        var refused = new TargetGroupEvidence(Https,
            Readings((EvidenceMetrics.TargetTlsNegotiationErrorCount, 5)),
            EvidencePart<TargetGroupConfiguration>.Unavailable(UnavailableReason.NoPermission, "AccessDenied"),
            EvidencePart<int>.Unavailable(UnavailableReason.NoPermission, "AccessDenied"),
            EvidencePart<LambdaFunctionEvidence>.Unavailable(UnavailableReason.NotAsked, "not a Lambda target group"));

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, refused, Group(Http, "HTTP")), s_window);

        Assert.Empty(confirmation.Findings);
    }

    [Fact]
    public void HttpsGroupWithoutTlsFailures_LeavesTheHypothesesAsTheyWere()
    {
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Https, 4));

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, Group(Https, "HTTPS", tlsErrors: 0)), s_window);

        Assert.Empty(confirmation.Findings);
        Assert.Same(report, confirmation.ApplyTo(report));
    }

    [Fact]
    public void HttpGroupConfiguredAsHttps_RulesTlsHandshakeOutAndTheAlternativeLeads()
    {
        // The operator said HTTPS; ELBv2 says the group speaks HTTP.
        var report = Analyze(new AnalysisOptions { HttpsTargetGroups = [Http] }, ConnectionFailures(Http, 3));
        Assert.Equal(Hypothesis.TlsHandshake, Cause(report, Http502Cause.TargetConnectionFailed).Hypotheses[0].Info.Hypothesis);

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, Group(Http, "HTTP")), s_window);
        var settled = confirmation.ApplyTo(report);

        var finding = Assert.Single(confirmation.Findings);
        Assert.Equal(HypothesisSettlement.RuledOut, finding.Settlement);
        Assert.Equal("tls-handshake ruled out: target group web-http speaks HTTP to its targets (no TLS to fail)", finding.Line);
        var hypothesis = Assert.Single(Cause(settled, Http502Cause.TargetConnectionFailed).Hypotheses);
        Assert.Equal((Hypothesis.Intermittent, 3L), (hypothesis.Info.Hypothesis, hypothesis.Count));
    }

    [Fact]
    public void KeepAliveRace_RemedyQuotesTheLoadBalancersIdleTimeout()
    {
        var report = Analyze(new AnalysisOptions(), [TestLines.Line(targetGroup: Http), TestLines.Line(targetGroup: Http, times: "0.001 4.205 -1", status: "502 -")]);

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(75, Group(Http, "HTTP")), s_window);

        var finding = Assert.Single(confirmation.Findings);
        Assert.Equal(("target-closed-connection", "keep-alive-race", HypothesisSettlement.Refined), (finding.CauseId, finding.HypothesisId, finding.Settlement));
        Assert.Equal("keep-alive-race: idle timeout 75 s: set the target's keep-alive above 75 s", finding.Line);
    }

    [Theory]
    [InlineData(120, "ran 312.4 s, at least the deregistration delay of target group web-http (120 s): a deregistration could have cut it")]
    [InlineData(312, "ran 312.4 s, at least the deregistration delay of target group web-http (312 s): a deregistration could have cut it")]
    [InlineData(313, "ran 312.4 s, within the deregistration delay of target group web-http (313 s): not a deregistration; a timeout on the target is likelier")]
    public void LongRequestCut_ComparedWithTheDeregistrationDelay(int delay, string expected)
    {
        var report = Analyze(new AnalysisOptions(), [TestLines.Line(targetGroup: Http), TestLines.Line(targetGroup: Http, times: "0.001 312.400 -1", status: "502 -")]);
        Assert.Contains(Cause(report, Http502Cause.TargetClosedConnection).Hypotheses, h => h.Info.Hypothesis == Hypothesis.LongRequestCut);

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, Group(Http, "HTTP", deregistrationDelay: delay)), s_window);

        var finding = Assert.Single(confirmation.Findings, f => f.HypothesisId == "long-request-cut");
        Assert.Equal("long-request-cut: the longest cut request " + expected, finding.Line);
    }

    [Fact]
    public void ConfigurationUnavailable_SettlesNothing()
    {
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Https, 2));
        var missing = new Unavailable(UnavailableReason.NoPermission, "AccessDenied");
        var evidence = LoadBalancerEvidence.AllUnavailable(new EvidenceRequest(TestLines.Elb, [Https], s_window.Start, s_window.Start, "us-east-1"), missing);

        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, evidence, s_window);

        Assert.Empty(confirmation.Findings);
        Assert.Equal(ConfirmationVerdict.Unavailable, Assert.Single(confirmation.Causes).Confirmation.Verdict);
    }

    [Fact]
    public void Outputs_CarryTheVerdictFindingsAndCoverage()
    {
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Https, 4));
        var confirmation = ReportConfirmation.Of(report, TestLines.Elb, Evidence(60, Group(Https, "HTTPS", tlsErrors: 4)), s_window);
        var settled = confirmation.ApplyTo(report);

        var text = TextReportRenderer.Render(settled, new TextReportOptions { Confirmation = confirmation });
        Assert.Contains("Confirmed by CloudWatch (AWS/ApplicationELB, app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC):", text, StringComparison.Ordinal);
        Assert.Contains("  target-connection-failed: contradicted: TargetConnectionErrorCount 0 but TargetTLSNegotiationErrorCount 4", text, StringComparison.Ordinal);
        Assert.Contains("    tls-handshake, high confidence: target group web-https", text, StringComparison.Ordinal);
        Assert.Contains("  Coverage: the logs hold 4 of the 10 load-balancer 502s that CloudWatch counted (HTTPCode_ELB_502_Count)", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Confirmed by CloudWatch", StringComparison.Ordinal) < text.IndexOf("Causes, most frequent first", StringComparison.Ordinal));

        var output = new MemoryStream();
        JsonReportWriter.Write(output, settled, confirmation: confirmation);
        using var json = JsonDocument.Parse(output.ToArray());
        var cause = json.RootElement.GetProperty("causes")[0];
        var verdict = cause.GetProperty("confirmation");
        Assert.Equal("contradicted", verdict.GetProperty("verdict").GetString());
        Assert.Equal("TargetTLSNegotiationErrorCount", verdict.GetProperty("contradictingMetric").GetString());
        Assert.Equal(0, verdict.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "TargetConnectionErrorCount").GetProperty("value").GetDouble());
        Assert.Equal("raised", verdict.GetProperty("findings")[0].GetProperty("settlement").GetString());
        Assert.Equal("tls-handshake", cause.GetProperty("hypotheses")[0].GetProperty("id").GetString());
        Assert.Equal("high", cause.GetProperty("hypotheses")[0].GetProperty("confidence").GetString());
        var coverage = json.RootElement.GetProperty("coverage");
        Assert.Equal((4, 10.0, "logs-incomplete"), (
            coverage.GetProperty("loadBalancer502").GetProperty("inLogs").GetInt64(),
            coverage.GetProperty("loadBalancer502").GetProperty("counted").GetDouble(),
            coverage.GetProperty("loadBalancer502").GetProperty("finding").GetString()));
        Assert.Equal("2026-11-24T10:00:00.000000Z", coverage.GetProperty("window").GetProperty("start").GetString());

        var html = HtmlReportRenderer.Render(settled, new HtmlReportOptions { Confirmation = confirmation });
        Assert.Contains("<section id=\"coverage\">", html, StringComparison.Ordinal);
        Assert.Contains("the logs hold 4 of the 10 load-balancer 502s", html, StringComparison.Ordinal);
        Assert.Contains("tls-handshake, high confidence", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextSection_ControlCharactersInTheLoadBalancerAndDetails_AreShownInert()
    {
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Https, 1));
        const string hostile = "app/my-alb\u001b]0;pwned\u0007/50dc6c495c0c9188";
        var missing = new Unavailable(UnavailableReason.ApiError, "proxy said \u001b[2J");
        var evidence = LoadBalancerEvidence.AllUnavailable(new EvidenceRequest(hostile, [Https], s_window.Start, s_window.Start, "us-east-1"), missing);

        var text = TextReportRenderer.Render(report, new TextReportOptions { Confirmation = ReportConfirmation.Of(report, hostile, evidence, s_window) });

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains("unavailable (api-error): proxy said \\x1B[2J", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_WithoutConfirmation_HaveNoneOfItsParts()
    {
        var report = Analyze(new AnalysisOptions(), ConnectionFailures(Https, 1));

        var output = new MemoryStream();
        JsonReportWriter.Write(output, report);
        using var json = JsonDocument.Parse(output.ToArray());

        Assert.False(json.RootElement.TryGetProperty("coverage", out _));
        Assert.False(json.RootElement.GetProperty("causes")[0].TryGetProperty("confirmation", out _));
        Assert.DoesNotContain("Confirmed by CloudWatch", TextReportRenderer.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"coverage\"", HtmlReportRenderer.Render(report), StringComparison.Ordinal);
    }
}
