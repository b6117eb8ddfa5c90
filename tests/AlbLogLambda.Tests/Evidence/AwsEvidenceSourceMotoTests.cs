using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Evidence;
using Amazon.Runtime;
using M = AlbLogLambda.Core.Evidence.EvidenceMetrics;

namespace AlbLogLambda.Tests.Evidence;

/// <summary>
/// <see cref="AwsEvidenceSource"/> against moto, which verifies the requests' Signature Version 4 and its users' IAM
/// policies: the figures put into CloudWatch come back summed over the window, the configuration of each target
/// group and the load balancer comes back as set, and a refused CloudWatch call degrades to unavailable.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AwsEvidenceSourceMotoTests(MotoWorldFixture world) : IClassFixture<MotoWorldFixture>
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    private AwsEvidenceSource Source(AWSCredentials credentials) => new(
        new AwsEvidenceSourceOptions
        {
            CloudWatchEndpoint = world.Server.Endpoint,
            ElasticLoadBalancingEndpoint = world.Server.Endpoint,
            // moto on a shared two-core machine: room for a slow answer, still well under a test's patience.
            Budget = TimeSpan.FromSeconds(30),
            Query = new AlbLogLambda.Aws.AwsQueryClientOptions { AttemptTimeout = TimeSpan.FromSeconds(10) },
        },
        credentials);

    private EvidenceRequest Request() =>
        new(world.LoadBalancerId, [world.HttpGroup, world.HttpsGroup, world.LambdaGroup], world.Entries.First, world.Entries.Last, MotoWorldFixture.Region);

    [Fact]
    public async Task GatherAsync_LoadBalancerMetrics_SummedOverTheWholeMinutesOfTheWindow()
    {
        using var source = Source(world.Admin);

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(new EvidenceWindow(world.WindowStart, world.WindowStart.AddMinutes(5)), evidence.Window);
        Assert.True(evidence.Metrics.IsAvailable, evidence.Metrics.ToString());
        var metrics = evidence.Metrics.Value;
        Assert.Equal(world.PutInWindow(M.Elb502Count, "lb"), metrics[M.Elb502Count]);
        Assert.Equal(14, metrics[M.Elb502Count]); // the 100s a few minutes before and after are outside
        Assert.Equal(3, metrics.Get(M.Elb502Count).DataPoints);
        Assert.Equal(world.PutInWindow(M.Target5xxCount, "lb"), metrics[M.Target5xxCount]);
        Assert.Equal(world.PutInWindow(M.TargetConnectionErrorCount, "lb"), metrics[M.TargetConnectionErrorCount]);
        Assert.Equal(world.PutInWindow(M.TargetTlsNegotiationErrorCount, "lb"), metrics[M.TargetTlsNegotiationErrorCount]);
        Assert.Equal(world.PutInWindow(M.LambdaUserError, "lb"), metrics[M.LambdaUserError]);
        // Never published: no data points, which reads as zero, not as unavailable.
        Assert.Equal(new MetricReading(M.LambdaInternalError, 0, 0), metrics.Get(M.LambdaInternalError));
    }

    [Fact]
    public async Task GatherAsync_TargetGroupMetrics_PerGroup()
    {
        using var source = Source(world.Admin);

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        var http = evidence.TargetGroup(world.HttpGroup)!.Metrics;
        var https = evidence.TargetGroup(world.HttpsGroup)!.Metrics;
        Assert.True(http.IsAvailable && https.IsAvailable, $"{http} / {https}");
        Assert.Equal(world.PutInWindow(M.TargetConnectionErrorCount, "http"), http.Value[M.TargetConnectionErrorCount]);
        Assert.Equal(0, http.Value[M.TargetTlsNegotiationErrorCount]);
        Assert.Equal(world.PutInWindow(M.TargetTlsNegotiationErrorCount, "https"), https.Value[M.TargetTlsNegotiationErrorCount]);
        Assert.Equal(0, https.Value[M.TargetConnectionErrorCount]);
        Assert.Equal(world.PutInWindow(M.LambdaUserError, "lambda"), evidence.TargetGroup(world.LambdaGroup)!.Metrics.Value![M.LambdaUserError]);
    }

    [Fact]
    public async Task GatherAsync_Configuration_ProtocolTypeDeregistrationDelayAndIdleTimeout()
    {
        using var source = Source(world.Admin);

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(MotoWorldFixture.IdleTimeoutSeconds, evidence.IdleTimeoutSeconds.Value);
        var http = evidence.TargetGroup(world.HttpGroup)!;
        Assert.Equal(new TargetGroupConfiguration("HTTP", "instance", "web-http"), http.Configuration.Value);
        Assert.Equal(MotoWorldFixture.HttpDeregistrationDelay, http.DeregistrationDelaySeconds.Value);
        Assert.Equal(UnavailableReason.NotAsked, http.LambdaFunction.Missing!.Reason);
        var https = evidence.TargetGroup(world.HttpsGroup)!;
        Assert.Equal(new TargetGroupConfiguration("HTTPS", "ip", "web-https"), https.Configuration.Value);
        Assert.Equal(MotoWorldFixture.HttpsDeregistrationDelay, https.DeregistrationDelaySeconds.Value);
    }

    [Fact]
    public async Task GatherAsync_LambdaTargetGroup_FunctionAndItsMetrics()
    {
        using var source = Source(world.Admin);

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        var group = evidence.TargetGroup(world.LambdaGroup)!;
        Assert.True(group.Configuration.Value!.IsLambda);
        var function = group.LambdaFunction;
        Assert.True(function.IsAvailable, function.ToString());
        Assert.Equal(MotoWorldFixture.FunctionArn, function.Value.FunctionArn);
        Assert.True(function.Value.Metrics.IsAvailable, function.Value.Metrics.ToString());
        Assert.Equal(world.PutInWindow(M.Throttles, "fn"), function.Value.Metrics.Value[M.Throttles]);
        Assert.Equal(0, function.Value.Metrics.Value[M.Errors]);
        Assert.Equal(2500, function.Value.Metrics.Value[M.MaxDuration]); // the maximum, not the sum
    }

    [Fact]
    public async Task GatherAsync_Verdicts_ConfirmedContradictedAndTlsFromTheGroupsOwnFigures()
    {
        using var source = Source(world.Admin);
        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        var http = CauseJudge.Judge("target-connection-failed", MetricCounts.ForTargetGroup(evidence, world.HttpGroup));
        var https = CauseJudge.Judge("target-connection-failed", MetricCounts.ForTargetGroup(evidence, world.HttpsGroup));
        var throttled = CauseJudge.Judge("lambda-throttled", MetricCounts.ForLoadBalancer(evidence));
        var tls = HypothesisEvidence.TlsHandshake(
            evidence.TargetGroup(world.HttpsGroup)!.Configuration.Value!.Protocol,
            MetricCounts.ForTargetGroup(evidence, world.HttpsGroup).Get(M.TargetTlsNegotiationErrorCount));
        var coverage = Coverage.Compare(13, 2, MetricCounts.ForLoadBalancer(evidence));

        Assert.Equal(ConfirmationVerdict.Confirmed, http.Verdict);
        Assert.Equal(ConfirmationVerdict.Contradicted, https.Verdict);
        Assert.Equal("tls-handshake", https.PointsTo);
        Assert.Equal(ConfirmationVerdict.Confirmed, throttled.Verdict);
        Assert.Equal(TlsHandshakeFinding.HighConfidence, tls);
        Assert.Equal(TlsHandshakeFinding.RuledOut, HypothesisEvidence.TlsHandshake(evidence.TargetGroup(world.HttpGroup)!.Configuration.Value!.Protocol, EvidencePart<double>.Available(0)));
        Assert.Equal("the logs hold 13 of the 14 load-balancer 502s that CloudWatch counted (HTTPCode_ELB_502_Count)", coverage.LoadBalancerSentence);
        Assert.Equal(CoverageFinding.Consistent, coverage.Target502.Finding);
        Assert.Equal(
            "idle timeout 75 s: set the target's keep-alive above 75 s",
            HypothesisEvidence.KeepAliveRemedy(evidence.IdleTimeoutSeconds.Value));
    }

    [Fact]
    public async Task GatherAsync_CloudWatchRefused_MetricsUnavailableNoPermissionAndConfigurationStillRead()
    {
        using var source = Source(world.Reader);

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.NoPermission, evidence.Metrics.Missing?.Reason);
        Assert.Contains("403", evidence.Metrics.Missing!.Detail, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", evidence.Metrics.Missing.Detail, StringComparison.Ordinal);
        Assert.All(evidence.TargetGroups, g => Assert.Equal(UnavailableReason.NoPermission, g.Metrics.Missing?.Reason));
        var function = evidence.TargetGroup(world.LambdaGroup)!.LambdaFunction;
        Assert.Equal(MotoWorldFixture.FunctionArn, function.Value?.FunctionArn);
        Assert.Equal(UnavailableReason.NoPermission, function.Value!.Metrics.Missing?.Reason);
        // The reader may describe: the configuration does not depend on CloudWatch.
        Assert.Equal(MotoWorldFixture.IdleTimeoutSeconds, evidence.IdleTimeoutSeconds.Value);
        Assert.Equal("HTTPS", evidence.TargetGroup(world.HttpsGroup)!.Configuration.Value?.Protocol);
        var verdict = CauseJudge.Judge("target-connection-failed", MetricCounts.ForLoadBalancer(evidence));
        Assert.Equal(ConfirmationVerdict.Unavailable, verdict.Verdict);
        Assert.Equal("no-permission", verdict.Missing!.ReasonId);
    }

    [Fact]
    public async Task GatherAsync_WrongSecret_EveryPartRefusedAsNoPermission()
    {
        var admin = await world.Admin.GetCredentialsAsync();
        using var source = Source(new BasicAWSCredentials(admin.AccessKey, "not-the-secret"));

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.NoPermission, evidence.Metrics.Missing?.Reason);
        Assert.Equal(UnavailableReason.NoPermission, evidence.IdleTimeoutSeconds.Missing?.Reason);
        Assert.Contains("SignatureDoesNotMatch", evidence.IdleTimeoutSeconds.Missing!.Detail, StringComparison.Ordinal);
        Assert.All(evidence.TargetGroups, g => Assert.Equal(UnavailableReason.NoPermission, g.Configuration.Missing?.Reason));
    }

    [Fact]
    public async Task GatherAsync_DeletedTargetGroup_OnlyThatGroupUnavailable()
    {
        using var source = Source(world.Admin);
        var gone = world.HttpGroup[..^4] + "0000";
        var request = Request() with { TargetGroupArns = [world.HttpGroup, gone] };

        var evidence = await source.GatherAsync(request, CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.ApiError, evidence.TargetGroup(gone)!.Configuration.Missing?.Reason);
        Assert.Contains("TargetGroupNotFound", evidence.TargetGroup(gone)!.Configuration.Missing!.Detail, StringComparison.Ordinal);
        Assert.Equal("HTTP", evidence.TargetGroup(world.HttpGroup)!.Configuration.Value?.Protocol);
        Assert.True(evidence.TargetGroup(gone)!.Metrics.IsAvailable); // no data points: zero
    }
}
