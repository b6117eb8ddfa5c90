using AlbLogLambda.Core.Evidence;
using M = AlbLogLambda.Core.Evidence.EvidenceMetrics;

namespace AlbLogLambda.Core.Tests.Evidence;

public sealed class CoverageTests
{
    [Fact]
    public void Compare_LogsHoldNearlyAll_ConsistentWithTheFiguresInTheSentence()
    {
        var coverage = Coverage.Compare(1466, 12, MetricCounts.Of((M.Elb502Count, 1480), (M.Target5xxCount, 15)));

        Assert.Equal(CoverageFinding.Consistent, coverage.LoadBalancer502.Finding);
        Assert.Equal(14, coverage.LoadBalancer502.Gap);
        Assert.Equal(1466.0 / 1480, coverage.LoadBalancer502.Share);
        Assert.Equal("the logs hold 1,466 of the 1,480 load-balancer 502s that CloudWatch counted (HTTPCode_ELB_502_Count)", coverage.LoadBalancerSentence);
        Assert.Equal(CoverageFinding.Consistent, coverage.Target502.Finding);
        Assert.Contains("counts every 5xx", coverage.TargetSentence, StringComparison.Ordinal);
        Assert.Contains("12 target 502s", coverage.TargetSentence, StringComparison.Ordinal);
        Assert.Contains("15 target 5xx", coverage.TargetSentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LargeGap_LogsIncomplete()
    {
        var coverage = Coverage.Compare(700, 0, MetricCounts.Of((M.Elb502Count, 1480), (M.Target5xxCount, 0)));

        Assert.Equal(CoverageFinding.LogsIncomplete, coverage.LoadBalancer502.Finding);
        Assert.Equal(780, coverage.LoadBalancer502.Gap);
    }

    [Fact]
    public void Compare_AtTheThreshold_Consistent()
    {
        Assert.Equal(CoverageFinding.Consistent, Coverage.Compare(90, 0, MetricCounts.Of((M.Elb502Count, 100), (M.Target5xxCount, 0))).LoadBalancer502.Finding);
        Assert.Equal(CoverageFinding.LogsIncomplete, Coverage.Compare(89, 0, MetricCounts.Of((M.Elb502Count, 100), (M.Target5xxCount, 0))).LoadBalancer502.Finding);
    }

    [Fact]
    public void Compare_TargetMetricCountsEvery5xx_FewerTarget502sAreNotAGap()
    {
        var coverage = Coverage.Compare(0, 3, MetricCounts.Of((M.Elb502Count, 0), (M.Target5xxCount, 300)));

        Assert.Equal(CoverageFinding.Consistent, coverage.Target502.Finding);
        Assert.Equal(CoverageFinding.Consistent, coverage.LoadBalancer502.Finding);
    }

    [Fact]
    public void Compare_LogsHoldMoreThanCounted_LogsExceedMetric()
    {
        var coverage = Coverage.Compare(20, 30, MetricCounts.Of((M.Elb502Count, 0), (M.Target5xxCount, 10)));

        Assert.Equal(CoverageFinding.LogsExceedMetric, coverage.LoadBalancer502.Finding);
        Assert.Null(coverage.LoadBalancer502.Share);
        Assert.Equal(CoverageFinding.LogsExceedMetric, coverage.Target502.Finding);
    }

    [Fact]
    public void Compare_MetricsMissing_UnavailableWithTheReason()
    {
        var missing = new Unavailable(UnavailableReason.Timeout, "no answer within 4 s");
        var counts = new MetricCounts([
            KeyValuePair.Create(M.Elb502Count, EvidencePart<double>.Unavailable(missing)),
            KeyValuePair.Create(M.Target5xxCount, EvidencePart<double>.Unavailable(missing)),
        ]);

        var coverage = Coverage.Compare(5, 2, counts);

        Assert.Equal(CoverageFinding.Unavailable, coverage.LoadBalancer502.Finding);
        Assert.Null(coverage.LoadBalancer502.Gap);
        Assert.Equal("the logs hold 5 load-balancer 502s; HTTPCode_ELB_502_Count unavailable (timeout: no answer within 4 s)", coverage.LoadBalancerSentence);
        Assert.Equal(CoverageFinding.Unavailable, coverage.Target502.Finding);
    }
}
