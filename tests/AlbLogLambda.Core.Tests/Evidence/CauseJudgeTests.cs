using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Evidence;
using M = AlbLogLambda.Core.Evidence.EvidenceMetrics;

namespace AlbLogLambda.Core.Tests.Evidence;

public sealed class CauseJudgeTests
{
    private static readonly Unavailable s_denied = new(UnavailableReason.NoPermission, "AccessDenied: not authorized to perform cloudwatch:GetMetricData");

    /// <summary>Every load-balancer count at zero, the function metrics available at zero, then the given values.</summary>
    private static MetricCounts Counts(params (string Name, double Value)[] values) =>
        MetricCounts.Of([
            .. M.LoadBalancerCounts.Select(n => (n, 0.0)), (M.Throttles, 0), (M.Errors, 0), (M.MaxDuration, 0),
            .. values,
        ]);

    private static MetricCounts WithMissing(string missing, params (string Name, double Value)[] values)
    {
        var all = M.LoadBalancerCounts.Concat([M.Throttles, M.Errors, M.MaxDuration]).ToDictionary(n => n, _ => EvidencePart<double>.Available(0));
        foreach (var (name, value) in values)
        {
            all[name] = EvidencePart<double>.Available(value);
        }

        all[missing] = EvidencePart<double>.Unavailable(s_denied);
        return new MetricCounts(all);
    }

    [Fact]
    public void Judge_ConnectionFailuresWithConnectionErrors_Confirmed()
    {
        var result = CauseJudge.Judge("target-connection-failed", Counts((M.TargetConnectionErrorCount, 1466), (M.Elb502Count, 1480)));

        Assert.Equal(ConfirmationVerdict.Confirmed, result.Verdict);
        Assert.Equal("confirmed", result.VerdictId);
        Assert.Equal(new ConsultedMetric(M.TargetConnectionErrorCount, 1466, null), result.Consulted[0]);
        Assert.Contains(new ConsultedMetric(M.TargetTlsNegotiationErrorCount, 0, null), result.Consulted);
        Assert.Contains(new ConsultedMetric(M.Elb502Count, 1480, null), result.Consulted);
        Assert.Null(result.Missing);
        Assert.Null(result.PointsTo);
    }

    [Fact]
    public void Judge_ConnectionFailuresWithOnlyTlsErrors_ContradictedPointingToTls()
    {
        var result = CauseJudge.Judge("target-connection-failed", Counts((M.TargetTlsNegotiationErrorCount, 12), (M.Elb502Count, 12)));

        Assert.Equal(ConfirmationVerdict.Contradicted, result.Verdict);
        Assert.Equal(M.TargetTlsNegotiationErrorCount, result.ContradictingMetric);
        Assert.Equal("tls-handshake", result.PointsTo);
        Assert.Equal(new ConsultedMetric(M.TargetConnectionErrorCount, 0, null), result.Consulted[0]);
    }

    [Fact]
    public void Judge_ConnectionFailuresWithBothErrorKinds_ConfirmedByConnectionErrors()
    {
        var result = CauseJudge.Judge("target-connection-failed", Counts((M.TargetConnectionErrorCount, 3), (M.TargetTlsNegotiationErrorCount, 12)));

        Assert.Equal(ConfirmationVerdict.Confirmed, result.Verdict);
    }

    [Fact]
    public void Judge_AllZero_Unconfirmed()
    {
        var result = CauseJudge.Judge("target-connection-failed", Counts());

        Assert.Equal(ConfirmationVerdict.Unconfirmed, result.Verdict);
        Assert.Equal("unconfirmed", result.VerdictId);
        Assert.Null(result.ContradictingMetric);
    }

    [Fact]
    public void Judge_PredictedMetricDenied_UnavailableWithTheReason()
    {
        var result = CauseJudge.Judge("target-connection-failed", WithMissing(M.TargetConnectionErrorCount, (M.TargetTlsNegotiationErrorCount, 5)));

        Assert.Equal(ConfirmationVerdict.Unavailable, result.Verdict);
        Assert.Equal(s_denied, result.Missing);
        Assert.Equal("no-permission", result.Missing!.ReasonId);
        Assert.Equal(new ConsultedMetric(M.TargetConnectionErrorCount, null, s_denied), result.Consulted[0]);
    }

    [Fact]
    public void Judge_OnlyAnAlternativeMissing_StillConfirmed()
    {
        var result = CauseJudge.Judge("target-connection-failed", WithMissing(M.TargetTlsNegotiationErrorCount, (M.TargetConnectionErrorCount, 2)));

        Assert.Equal(ConfirmationVerdict.Confirmed, result.Verdict);
    }

    [Theory]
    [InlineData("target-closed-connection", M.Elb502Count)]
    [InlineData("target-response-invalid", M.Elb502Count)]
    [InlineData("load-balancer-other", M.Elb502Count)]
    [InlineData("lambda-response-too-large", M.LambdaUserError)]
    [InlineData("lambda-invalid-response", M.LambdaUserError)]
    [InlineData("lambda-unhandled", M.Errors)]
    [InlineData("lambda-throttled", M.Throttles)]
    [InlineData("lambda-error", M.LambdaUserError)]
    [InlineData("lambda-error", M.LambdaInternalError)]
    [InlineData("lambda-internal-error", M.LambdaInternalError)]
    [InlineData("fixed-response", M.FixedResponseCount)]
    [InlineData("target-returned-502", M.Target5xxCount)]
    public void Judge_PredictedMetricAboveZero_Confirmed(string causeId, string metric)
    {
        Assert.Equal(ConfirmationVerdict.Confirmed, CauseJudge.Judge(causeId, Counts((metric, 4))).Verdict);
        Assert.Equal(ConfirmationVerdict.Unconfirmed, CauseJudge.Judge(causeId, Counts()).Verdict);
    }

    [Theory]
    [InlineData("lambda-response-too-large", M.LambdaInternalError, "lambda-internal-error")]
    [InlineData("lambda-invalid-response", M.LambdaInternalError, "lambda-internal-error")]
    [InlineData("lambda-unhandled", M.Throttles, "lambda-throttled")]
    [InlineData("lambda-throttled", M.Errors, "lambda-unhandled")]
    [InlineData("lambda-internal-error", M.LambdaUserError, "lambda-error")]
    public void Judge_OnlyAnotherCausesMetricAboveZero_Contradicted(string causeId, string other, string pointsTo)
    {
        var result = CauseJudge.Judge(causeId, Counts((other, 9)));

        Assert.Equal(ConfirmationVerdict.Contradicted, result.Verdict);
        Assert.Equal(other, result.ContradictingMetric);
        Assert.Equal(pointsTo, result.PointsTo);
    }

    [Fact]
    public void Judge_TargetReturned502_IgnoresTheLoadBalancersOwn502s()
    {
        var result = CauseJudge.Judge("target-returned-502", Counts((M.Elb502Count, 40)));

        Assert.Equal(ConfirmationVerdict.Unconfirmed, result.Verdict);
    }

    [Fact]
    public void Judge_ThrottledWithoutFunctionMetrics_FallsBackToLambdaUserError()
    {
        var result = CauseJudge.Judge("lambda-throttled", WithMissing(M.Throttles, (M.LambdaUserError, 7)));

        Assert.Equal(ConfirmationVerdict.Confirmed, result.Verdict);
        Assert.Equal([M.Throttles, M.LambdaUserError], result.Consulted.Take(2).Select(c => c.Name));
        Assert.Null(result.Consulted[0].Value);
    }

    [Fact]
    public void Judge_ThrottledWithFunctionMetricsAtZero_DoesNotFallBack()
    {
        var result = CauseJudge.Judge("lambda-throttled", Counts((M.LambdaUserError, 7)));

        Assert.Equal(ConfirmationVerdict.Unconfirmed, result.Verdict);
    }

    [Fact]
    public void Judge_UnhandledWithoutFunctionOrAlbMetrics_Unavailable()
    {
        var missing = new MetricCounts([]);

        var result = CauseJudge.Judge("lambda-unhandled", missing);

        Assert.Equal(ConfirmationVerdict.Unavailable, result.Verdict);
        Assert.Equal(UnavailableReason.NotAsked, result.Missing!.Reason);
    }

    [Fact]
    public void Judge_LambdaErrorWithOneOfItsTwoMetricsDenied_ConfirmedByTheOther()
    {
        var result = CauseJudge.Judge("lambda-error", WithMissing(M.LambdaUserError, (M.LambdaInternalError, 1)));

        Assert.Equal(ConfirmationVerdict.Confirmed, result.Verdict);
    }

    [Fact]
    public void Judge_UnknownCause_UnavailableNotAsked()
    {
        var result = CauseJudge.Judge("no-such-cause", Counts((M.Elb502Count, 1)));

        Assert.Equal(ConfirmationVerdict.Unavailable, result.Verdict);
        Assert.Equal(UnavailableReason.NotAsked, result.Missing!.Reason);
        Assert.Empty(result.Consulted);
    }

    [Fact]
    public void JudgedCauses_CoverEveryCatalogCauseIncludingTheDiagnosisV2Ones()
    {
        var expected = CauseCatalog.Causes.Select(c => c.Id).ToList();
        Assert.Contains("target-response-invalid", expected);
        Assert.Contains("lambda-internal-error", expected);

        Assert.Equal(expected.Order(StringComparer.Ordinal), CauseJudge.JudgedCauses.Order(StringComparer.Ordinal));
        Assert.All(CauseJudge.JudgedCauses, id => Assert.NotEmpty(CauseJudge.PredictedMetrics(id)));
    }

    [Fact]
    public void Judge_NoMetricIsListedTwice()
    {
        foreach (var id in CauseJudge.JudgedCauses)
        {
            var names = CauseJudge.Judge(id, Counts()).Consulted.Select(c => c.Name).ToList();
            Assert.Equal(names.Distinct().Count(), names.Count);
        }
    }
}
