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
    [InlineData("0.001 0.010 -1", Hypothesis.KeepAliveRace)]
    [InlineData("0.001 4.205 -1", Hypothesis.KeepAliveRace)]
    [InlineData("0.001 29.999 -1", Hypothesis.KeepAliveRace)]
    [InlineData("0.001 30.000 -1", Hypothesis.LongRequestCut)]
    [InlineData("0.002 299.870 -1", Hypothesis.LongRequestCut)]
    [InlineData("0.001 -1 -1", Hypothesis.KeepAliveRace)]
    [InlineData("0.026 -1.0 -1.0", Hypothesis.KeepAliveRace)]
    public void Classify_DispatchedAndResponseTimeMinusOne_IsTargetClosedConnectionWithHypothesisByTargetTime(string times, Hypothesis hypothesis)
    {
        var verdict = Classify(TestLines.Line(times: times, status: "502 -"));

        Assert.Equal((Http502Cause.TargetClosedConnection, Origin.LoadBalancer, hypothesis), (verdict.Cause, verdict.Origin, verdict.Hypothesis));
    }

    [Theory]
    [InlineData("2026-11-24T10:03:12.110000Z", Hypothesis.None)] // 13 ms: refused or unreachable
    [InlineData("2026-11-24T10:03:02.624000Z", Hypothesis.None)] // 9.499 s
    [InlineData("2026-11-24T10:03:02.623000Z", Hypothesis.TlsHandshakeTimeout)] // 9.500 s
    [InlineData("2026-11-24T10:03:02.113000Z", Hypothesis.TlsHandshakeTimeout)] // 10.010 s
    public void Classify_ConnectionFailure_IsTlsHandshakeTimeoutFrom9Point5SecondsElapsed(string created, Hypothesis hypothesis)
    {
        var verdict = Classify(TestLines.Line(times: "-1 -1 -1", status: "502 -", created: created));

        Assert.Equal((Http502Cause.TargetConnectionFailed, hypothesis), (verdict.Cause, verdict.Hypothesis));
    }

    [Theory]
    [InlineData("0.000 0.001 0.000", "502 -")]
    [InlineData("0.001 0.350 0.000", "502 -")]
    [InlineData("0.001 0.350 0.000", "502 200")]
    [InlineData("0.001 0.350 -1", "502 200")]
    [InlineData("-1 -1 -1", "502 404")]
    public void Classify_TargetAnsweredAndLoadBalancerSent502_IsTargetResponseInvalid(string times, string status)
    {
        var verdict = Classify(TestLines.Line(times: times, status: status));

        Assert.Equal((Http502Cause.TargetResponseInvalid, Origin.LoadBalancer, Hypothesis.None), (verdict.Cause, verdict.Origin, verdict.Hypothesis));
    }

    [Theory]
    [InlineData("LambdaResponseTooLarge", Http502Cause.LambdaResponseTooLarge)]
    [InlineData("LambdaUnhandled", Http502Cause.LambdaUnhandled)]
    [InlineData("LambdaThrottling", Http502Cause.LambdaThrottled)]
    [InlineData("LambdaInvalidResponse", Http502Cause.LambdaInvalidResponse)]
    [InlineData("LambdaKMSAccessDeniedException", Http502Cause.LambdaError)]
    [InlineData("LambdaAccessDenied", Http502Cause.LambdaError)]
    [InlineData("LambdaBadRequest", Http502Cause.LambdaError)]
    [InlineData("LambdaConnectionTimeout", Http502Cause.LambdaError)]
    [InlineData("LambdaSomethingNew", Http502Cause.LambdaError)]
    [InlineData("LambdaConnectionError", Http502Cause.LambdaInternalError)]
    [InlineData("LambdaServiceException", Http502Cause.LambdaInternalError)]
    [InlineData("LambdaUnhandledException", Http502Cause.LambdaInternalError)]
    public void Classify_LambdaErrorReason_IsTheMatchingLambdaCause(string errorReason, Http502Cause cause)
    {
        var verdict = Classify(TestLines.Line(target: "-", times: "0.000 0.001 0.000", status: "502 -", errorReason: errorReason));

        Assert.Equal((cause, Origin.LoadBalancer), (verdict.Cause, verdict.Origin));
    }

    /// <summary>Every Lambda code AWS documents, with the metric its table gives (LambdaInternalError for the four AWS-side ones).</summary>
    [Theory]
    [InlineData("LambdaAccessDenied", "LambdaUserError")]
    [InlineData("LambdaBadRequest", "LambdaUserError")]
    [InlineData("LambdaConnectionError", "LambdaInternalError")]
    [InlineData("LambdaConnectionTimeout", "LambdaInternalError")]
    [InlineData("LambdaEC2AccessDeniedException", "LambdaUserError")]
    [InlineData("LambdaEC2ThrottledException", "LambdaUserError")]
    [InlineData("LambdaEC2UnexpectedException", "LambdaUserError")]
    [InlineData("LambdaENILimitReachedException", "LambdaUserError")]
    [InlineData("LambdaInvalidResponse", "LambdaUserError")]
    [InlineData("LambdaInvalidRuntimeException", "LambdaUserError")]
    [InlineData("LambdaInvalidSecurityGroupIDException", "LambdaUserError")]
    [InlineData("LambdaInvalidSubnetIDException", "LambdaUserError")]
    [InlineData("LambdaInvalidZipFileException", "LambdaUserError")]
    [InlineData("LambdaKMSAccessDeniedException", "LambdaUserError")]
    [InlineData("LambdaKMSDisabledException", "LambdaUserError")]
    [InlineData("LambdaKMSInvalidStateException", "LambdaUserError")]
    [InlineData("LambdaKMSNotFoundException", "LambdaUserError")]
    [InlineData("LambdaRequestTooLarge", "LambdaUserError")]
    [InlineData("LambdaResourceNotFound", "LambdaUserError")]
    [InlineData("LambdaResponseTooLarge", "LambdaUserError")]
    [InlineData("LambdaServiceException", "LambdaInternalError")]
    [InlineData("LambdaSubnetIPAddressLimitReachedException", "LambdaUserError")]
    [InlineData("LambdaThrottling", "LambdaUserError")]
    [InlineData("LambdaUnhandled", "LambdaUserError")]
    [InlineData("LambdaUnhandledException", "LambdaInternalError")]
    [InlineData("LambdaWebsocketNotSupported", "LambdaUserError")]
    public void ErrorReasonCatalog_EveryLambdaCode_HasItsMeaningMetricAndRemedy(string code, string metric)
    {
        var info = ErrorReasonCatalog.Find(code);

        Assert.NotNull(info);
        Assert.Equal(metric, info.Metric);
        Assert.False(string.IsNullOrWhiteSpace(info.Meaning));
        Assert.False(string.IsNullOrWhiteSpace(info.Remedy));
        // AWS-side failures say so instead of sending the reader to the function's code.
        if (metric == "LambdaInternalError") Assert.Contains("AWS Health Dashboard", info.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorReasonCatalog_LambdaCodes_AreTheTwentySixAwsDocuments()
    {
        Assert.Equal(26, ErrorReasonCatalog.All.Count(c => c.Code.StartsWith("Lambda", StringComparison.Ordinal)));
        Assert.Equal(ErrorReasonCatalog.All.Count, ErrorReasonCatalog.All.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void ErrorReasonCatalog_LambdaBadRequest_SaysTheClientSentNonUtf8()
    {
        var info = ErrorReasonCatalog.Find("LambdaBadRequest")!;

        Assert.Contains("UTF-8", info.Meaning, StringComparison.Ordinal);
        Assert.Contains("client", info.Meaning, StringComparison.Ordinal);
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
    [InlineData("-", "0.000 0.001 0.000", "502 -", "AuthUnhandledException")]
    [InlineData("-", "0.000 0.001 0.000", "502 -", "WAFConnectionError")]
    [InlineData("10.0.1.12:8080", "0.000 0.001 0.000", "502 -", "AWSALBTGCookieInvalid")]
    [InlineData("-", "0.000 0.001 0.000", "502 -", "-")]
    [InlineData("10.0.1.12:8080", "-1 0.350 -1", "502 -", "-")]
    [InlineData("10.0.1.12:8080", "-1 -1 0.000", "502 -", "-")]
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
             "lambda-invalid-response", "lambda-error", "fixed-response", "load-balancer-other", "target-returned-502",
             "target-response-invalid", "lambda-internal-error"], ids);
        Assert.Equal(Enum.GetValues<Http502Cause>(), CauseCatalog.Causes.Select(c => c.Cause));
        Assert.All(CauseCatalog.Causes, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Meaning));
            Assert.False(string.IsNullOrWhiteSpace(c.Confirm));
            Assert.False(string.IsNullOrWhiteSpace(c.Remedy));
            Assert.True(CauseCatalog.TryParse(c.Id, out var back) && back == c.Cause);
        });
    }

    /// <summary>The confidence of every hypothesis, pinned: what docs/causes.md says, and why, is tied to these.</summary>
    [Theory]
    [InlineData(Hypothesis.KeepAliveRace, "keep-alive-race", Confidence.Medium)]
    [InlineData(Hypothesis.LongRequestCut, "long-request-cut", Confidence.Low)]
    [InlineData(Hypothesis.TargetCrash, "target-crash", Confidence.Medium)]
    [InlineData(Hypothesis.TargetDown, "target-down", Confidence.Medium)]
    [InlineData(Hypothesis.Intermittent, "intermittent", Confidence.Medium)]
    [InlineData(Hypothesis.TlsHandshake, "tls-handshake", Confidence.Low)]
    [InlineData(Hypothesis.TlsHandshakeTimeout, "tls-handshake-timeout", Confidence.Medium)]
    [InlineData(Hypothesis.ClosedMidRequest, "closed-mid-request", Confidence.Low)]
    public void Catalog_EveryHypothesis_HasItsIdAndConfidence(Hypothesis hypothesis, string id, Confidence confidence)
    {
        var info = CauseCatalog.Get(hypothesis);

        Assert.Equal((hypothesis, id, confidence), (info.Hypothesis, info.Id, info.Confidence));
        Assert.False(string.IsNullOrWhiteSpace(info.Explanation));
        Assert.False(string.IsNullOrWhiteSpace(info.Remedy));
    }

    [Fact]
    public void Catalog_KeepAliveRace_GivesTheKnowledgeCenterRemedy()
    {
        var remedy = CauseCatalog.Get(Hypothesis.KeepAliveRace).Remedy;

        Assert.Contains("60 s", remedy, StringComparison.Ordinal);
        Assert.Contains("keepAliveTimeout", remedy, StringComparison.Ordinal);
        Assert.Contains("gunicorn", remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Http502Cause.TargetResponseInvalid, "target-response-invalid", Confidence.Medium)]
    [InlineData(Http502Cause.LambdaInternalError, "lambda-internal-error", Confidence.High)]
    public void Catalog_NewCauses_HaveTheirIdConfidenceAndText(Http502Cause cause, string id, Confidence confidence)
    {
        var info = CauseCatalog.Get(cause);

        Assert.Equal((id, Origin.LoadBalancer, confidence), (info.Id, info.Origin, info.Confidence));
        if (cause == Http502Cause.LambdaInternalError)
        {
            Assert.Contains("LambdaInternalError", info.Confirm, StringComparison.Ordinal);
            Assert.DoesNotContain("fix your function", info.Remedy, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("AWS Health Dashboard", info.Remedy, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("curl -v", info.Confirm, StringComparison.Ordinal);
            Assert.Contains("32 KB", info.Remedy, StringComparison.Ordinal);
        }
    }
}
