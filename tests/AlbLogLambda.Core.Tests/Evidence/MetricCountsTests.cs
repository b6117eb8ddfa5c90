using AlbLogLambda.Core.Evidence;
using M = AlbLogLambda.Core.Evidence.EvidenceMetrics;

namespace AlbLogLambda.Core.Tests.Evidence;

public sealed class MetricCountsTests
{
    private const string HttpGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/943f017f100becff";
    private const string LambdaGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/fn/0a1b2c3d4e5f6a7b";
    private const string OtherLambdaGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/fn2/1a1b2c3d4e5f6a7b";

    private static readonly EvidenceWindow s_window = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5));

    private static EvidencePart<MetricReadings> Readings(params (string Name, double Value)[] values) =>
        EvidencePart<MetricReadings>.Available(new MetricReadings(values.Select(v => new MetricReading(v.Name, v.Value, 1))));

    private static TargetGroupEvidence Http(EvidencePart<MetricReadings> metrics) => new(
        HttpGroup,
        metrics,
        EvidencePart<TargetGroupConfiguration>.Available(new TargetGroupConfiguration("HTTP", "instance", "web")),
        EvidencePart<int>.Available(300),
        EvidencePart<LambdaFunctionEvidence>.Unavailable(UnavailableReason.NotAsked, "not a Lambda target group"));

    private static TargetGroupEvidence Lambda(string arn, EvidencePart<MetricReadings> functionMetrics) => new(
        arn,
        Readings((M.LambdaUserError, 2)),
        EvidencePart<TargetGroupConfiguration>.Available(new TargetGroupConfiguration(null, "lambda", "fn")),
        EvidencePart<int>.Unavailable(UnavailableReason.NotAsked, "Lambda target groups have no deregistration delay"),
        EvidencePart<LambdaFunctionEvidence>.Available(new LambdaFunctionEvidence("arn:aws:lambda:eu-west-1:123456789012:function:fn", functionMetrics)));

    [Fact]
    public void ForLoadBalancer_MetricWithoutDataPoints_ReadsZero()
    {
        var evidence = new LoadBalancerEvidence("app/my-alb/1", s_window, Readings((M.Elb502Count, 12)), EvidencePart<int>.Available(60), [Http(Readings())]);

        var counts = MetricCounts.ForLoadBalancer(evidence);

        Assert.Equal(12, counts.Get(M.Elb502Count).Value);
        Assert.True(counts.Get(M.TargetConnectionErrorCount).IsAvailable);
        Assert.Equal(0, counts.Get(M.TargetConnectionErrorCount).Value);
    }

    [Fact]
    public void ForLoadBalancer_FunctionMetrics_SummedOverLambdaGroupsAndDurationIsTheMaximum()
    {
        var evidence = new LoadBalancerEvidence(
            "app/my-alb/1", s_window, Readings(), EvidencePart<int>.Available(60),
            [
                Http(Readings()),
                Lambda(LambdaGroup, Readings((M.Throttles, 3), (M.Errors, 1), (M.MaxDuration, 900))),
                Lambda(OtherLambdaGroup, Readings((M.Throttles, 4), (M.MaxDuration, 2500))),
            ]);

        var counts = MetricCounts.ForLoadBalancer(evidence);

        Assert.Equal(7, counts.Get(M.Throttles).Value);
        Assert.Equal(1, counts.Get(M.Errors).Value);
        Assert.Equal(2500, counts.Get(M.MaxDuration).Value);
    }

    [Fact]
    public void ForLoadBalancer_NoLambdaGroup_FunctionMetricsNotAsked()
    {
        var evidence = new LoadBalancerEvidence("app/my-alb/1", s_window, Readings(), EvidencePart<int>.Available(60), [Http(Readings())]);

        var throttles = MetricCounts.ForLoadBalancer(evidence).Get(M.Throttles);

        Assert.Equal(UnavailableReason.NotAsked, throttles.Missing!.Reason);
    }

    [Fact]
    public void ForLoadBalancer_FunctionMetricsDenied_Unavailable()
    {
        var denied = new Unavailable(UnavailableReason.NoPermission, "AccessDenied");
        var evidence = new LoadBalancerEvidence(
            "app/my-alb/1", s_window, Readings(), EvidencePart<int>.Available(60),
            [Lambda(LambdaGroup, EvidencePart<MetricReadings>.Unavailable(denied))]);

        Assert.Equal(denied, MetricCounts.ForLoadBalancer(evidence).Get(M.Errors).Missing);
    }

    [Fact]
    public void ForLoadBalancer_MetricsUnavailable_EveryCountCarriesTheReason()
    {
        var request = new EvidenceRequest("app/my-alb/1", [HttpGroup], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "eu-west-1");
        var timeout = new Unavailable(UnavailableReason.Timeout, "no answer within 4 s");

        var counts = MetricCounts.ForLoadBalancer(LoadBalancerEvidence.AllUnavailable(request, timeout));

        Assert.All(M.LoadBalancerCounts, name => Assert.Equal(timeout, counts.Get(name).Missing));
        Assert.Equal(timeout, counts.Get(M.Throttles).Missing); // the group's type is unknown: it might be a Lambda one
    }

    [Fact]
    public void ForTargetGroup_ThatGroupsMetrics()
    {
        var evidence = new LoadBalancerEvidence(
            "app/my-alb/1", s_window, Readings((M.TargetConnectionErrorCount, 10)), EvidencePart<int>.Available(60),
            [Http(Readings((M.TargetConnectionErrorCount, 4)))]);

        Assert.Equal(4, MetricCounts.ForTargetGroup(evidence, HttpGroup).Get(M.TargetConnectionErrorCount).Value);
        Assert.Equal(UnavailableReason.NotAsked, MetricCounts.ForTargetGroup(evidence, LambdaGroup).Get(M.TargetConnectionErrorCount).Missing!.Reason);
    }

    [Fact]
    public void TargetGroupArns_Parts()
    {
        Assert.Equal("targetgroup/web/943f017f100becff", TargetGroupArns.DimensionValue(HttpGroup));
        Assert.Equal("123456789012", TargetGroupArns.AccountId(HttpGroup));
        Assert.Equal("aws-cn", TargetGroupArns.Partition("arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/web/943f017f100becff"));
        Assert.Null(TargetGroupArns.DimensionValue("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/my-alb/1"));
        Assert.Null(TargetGroupArns.DimensionValue("-"));
    }
}
