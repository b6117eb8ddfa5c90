using System.Globalization;
using AlbLogLambda.Aws;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Evidence;
using AlbLogLambda.Tests.EndToEnd;
using AlbLogLambda.TestSupport;
using Amazon.Runtime;
using M = AlbLogLambda.Core.Evidence.EvidenceMetrics;

namespace AlbLogLambda.Tests.Evidence;

/// <summary>
/// <see cref="AwsEvidenceSource"/> against local HTTP and TCP servers: what it sends (signed per service, one
/// GetMetricData for all metrics, the window in whole minutes), how it reads the answers, and how every failure
/// (a stalled endpoint, a 5xx, a cancelled caller, unreadable XML) ends as unavailable rather than as an exception.
/// </summary>
public sealed class AwsEvidenceSourceTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);
    private static readonly AWSCredentials s_credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", SecretKey);
    private static readonly DateTimeOffset s_now = new(2026, 12, 7, 10, 30, 0, TimeSpan.Zero);

    private static EvidenceRequest Request(params string[] groups) => new(
        FakeAwsQueryApi.LoadBalancerId,
        groups.Length == 0 ? [FakeAwsQueryApi.HttpGroup, FakeAwsQueryApi.LambdaGroup] : groups,
        new DateTimeOffset(2026, 12, 7, 10, 0, 12, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 7, 10, 4, 48, TimeSpan.Zero),
        "eu-west-1");

    private static AwsEvidenceSource Source(Uri endpoint, TimeSpan? budget = null, TimeSpan? attemptTimeout = null, TimeProvider? time = null) => new(
        new AwsEvidenceSourceOptions
        {
            CloudWatchEndpoint = endpoint,
            ElasticLoadBalancingEndpoint = endpoint,
            Budget = budget ?? TimeSpan.FromSeconds(30),
            Query = new AwsQueryClientOptions { AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10), BaseDelay = TimeSpan.FromMilliseconds(1) },
        },
        s_credentials,
        time: time ?? new FixedTime(s_now));

    [Fact]
    public async Task GatherAsync_EveryRequest_SignedForItsServiceAndVerifiedByTheReference()
    {
        var api = new FakeAwsQueryApi();
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        var requests = server.Requests;
        Assert.Equal(
            ["DescribeLoadBalancerAttributes", "DescribeTargetGroupAttributes", "DescribeTargetGroups", "DescribeTargetHealth", "GetMetricData"],
            requests.Select(r => FakeAwsQueryApi.Form(r)["Action"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(requests, request =>
        {
            var (expected, actual, scope) = SigV4Reference.Verify(request, SecretKey);
            Assert.Equal(expected, actual);
            var service = FakeAwsQueryApi.Form(request)["Action"] == "GetMetricData" ? "monitoring" : "elasticloadbalancing";
            Assert.EndsWith($"/eu-west-1/{service}/aws4_request", scope, StringComparison.Ordinal);
            Assert.Equal("POST", request.Method);
            Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        });
    }

    [Fact]
    public async Task GatherAsync_LoadBalancerMetrics_OneCallForEveryMetricOfEveryScope()
    {
        var api = new FakeAwsQueryApi();
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        var calls = server.Requests.Select(FakeAwsQueryApi.Form).Where(f => f["Action"] == "GetMetricData").ToList();
        var elb = Assert.Single(calls, f => f["MetricDataQueries.member.1.MetricStat.Metric.Namespace"] == M.LoadBalancerNamespace);
        Assert.Equal("2010-08-01", elb["Version"]);
        Assert.Equal("2026-12-07T10:00:00Z", elb["StartTime"]);
        Assert.Equal("2026-12-07T10:05:00Z", elb["EndTime"]);
        var queries = Enumerable.Range(1, 100).TakeWhile(i => elb.ContainsKey($"MetricDataQueries.member.{i}.Id")).ToList();
        Assert.Equal(M.LoadBalancerCounts.Count * 3, queries.Count); // the load balancer and two target groups
        Assert.All(queries, i =>
        {
            Assert.Equal("60", elb[$"MetricDataQueries.member.{i}.MetricStat.Period"]);
            Assert.Equal("Sum", elb[$"MetricDataQueries.member.{i}.MetricStat.Stat"]);
        });
        Assert.Equal(
            M.LoadBalancerCounts.Order(StringComparer.Ordinal),
            queries.Take(M.LoadBalancerCounts.Count).Select(i => elb[$"MetricDataQueries.member.{i}.MetricStat.Metric.MetricName"]).Order(StringComparer.Ordinal));
        Assert.Equal("LoadBalancer", elb["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name"]);
        Assert.Equal(FakeAwsQueryApi.LoadBalancerId, elb["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"]);
        var groupQuery = queries[M.LoadBalancerCounts.Count];
        Assert.Equal("TargetGroup", elb[$"MetricDataQueries.member.{groupQuery}.MetricStat.Metric.Dimensions.member.1.Name"]);
        Assert.Equal("targetgroup/web/943f017f100becff", elb[$"MetricDataQueries.member.{groupQuery}.MetricStat.Metric.Dimensions.member.1.Value"]);
        Assert.Equal("LoadBalancer", elb[$"MetricDataQueries.member.{groupQuery}.MetricStat.Metric.Dimensions.member.2.Name"]);

        var lambda = Assert.Single(calls, f => f["MetricDataQueries.member.1.MetricStat.Metric.Namespace"] == M.LambdaNamespace);
        Assert.Equal("checkout", lambda["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"]);
        Assert.Equal("Resource", lambda["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name"]);
        Assert.Equal("checkout:live", lambda["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value"]);
        Assert.Equal("Maximum", lambda["MetricDataQueries.member.3.MetricStat.Stat"]);
    }

    [Fact]
    public async Task GatherAsync_Answers_ReadIntoSumsAndConfiguration()
    {
        var api = new FakeAwsQueryApi();
        api.DataPoints[(M.TargetConnectionErrorCount, FakeAwsQueryApi.LoadBalancerId)] = [3, 1466, 11];
        api.DataPoints[(M.TargetConnectionErrorCount, "targetgroup/web/943f017f100becff")] = [1466];
        api.DataPoints[(M.Throttles, "checkout")] = [2, 2];
        api.DataPoints[(M.MaxDuration, "checkout")] = [120.5, 2999.25];
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(new MetricReading(M.TargetConnectionErrorCount, 1480, 3), evidence.Metrics.Value!.Get(M.TargetConnectionErrorCount));
        Assert.Equal(new MetricReading(M.Elb502Count, 0, 0), evidence.Metrics.Value.Get(M.Elb502Count));
        Assert.Equal(1466, evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.Metrics.Value![M.TargetConnectionErrorCount]);
        Assert.Equal(60, evidence.IdleTimeoutSeconds.Value);
        Assert.Equal(new TargetGroupConfiguration("HTTP", "instance", "web"), evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.Configuration.Value);
        Assert.Equal(300, evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.DeregistrationDelaySeconds.Value);
        var lambda = evidence.TargetGroup(FakeAwsQueryApi.LambdaGroup)!;
        Assert.Equal(new TargetGroupConfiguration(null, "lambda", "fn"), lambda.Configuration.Value);
        Assert.Equal(UnavailableReason.NotAsked, lambda.DeregistrationDelaySeconds.Missing?.Reason);
        Assert.Equal(FakeAwsQueryApi.FunctionArn, lambda.LambdaFunction.Value!.FunctionArn);
        Assert.Equal(4, lambda.LambdaFunction.Value.Metrics.Value![M.Throttles]);
        Assert.Equal(2999.25, lambda.LambdaFunction.Value.Metrics.Value[M.MaxDuration]);
    }

    [Fact]
    public async Task GatherAsync_EndpointThatNeverAnswers_EveryPartTimeoutWithinTheBudget()
    {
        await using var silent = new SilentTcpServer();
        // Attempts longer than the budget: the budget, not the attempt timeout, must end the wait.
        using var source = Source(silent.Endpoint, budget: TimeSpan.FromSeconds(1), attemptTimeout: TimeSpan.FromMinutes(5));

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.True(silent.Connections > 0);
        Assert.Equal(UnavailableReason.Timeout, evidence.Metrics.Missing?.Reason);
        Assert.Equal("no answer within the evidence budget of 1 s", evidence.Metrics.Missing!.Detail);
        Assert.Equal(UnavailableReason.Timeout, evidence.IdleTimeoutSeconds.Missing?.Reason);
        Assert.All(evidence.TargetGroups, g =>
        {
            Assert.Equal(UnavailableReason.Timeout, g.Metrics.Missing?.Reason);
            Assert.Equal(UnavailableReason.Timeout, g.Configuration.Missing?.Reason);
            Assert.Equal(UnavailableReason.Timeout, g.DeregistrationDelaySeconds.Missing?.Reason);
            Assert.Equal(UnavailableReason.Timeout, g.LambdaFunction.Missing?.Reason);
        });
        Assert.Equal(ConfirmationVerdict.Unavailable, CauseJudge.Judge("target-connection-failed", MetricCounts.ForLoadBalancer(evidence)).Verdict);
    }

    [Fact]
    public async Task GatherAsync_SlowConfigurationAnswer_OnlyThatPartTimesOut()
    {
        var api = new FakeAwsQueryApi();
        api.Override("DescribeLoadBalancerAttributes", _ => new ScriptedResponse(200) { NeverAnswer = true });
        api.DataPoints[(M.Elb502Count, FakeAwsQueryApi.LoadBalancerId)] = [5];
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri, budget: TimeSpan.FromSeconds(2));

        var evidence = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.Timeout, evidence.IdleTimeoutSeconds.Missing?.Reason);
        Assert.Equal(5, evidence.Metrics.Value?[M.Elb502Count]);
        Assert.Equal("HTTP", evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.Configuration.Value?.Protocol);
    }

    [Fact]
    public async Task GatherAsync_TransientServerError_RetriedThenAnswered()
    {
        var api = new FakeAwsQueryApi();
        var failures = 1;
        api.Override("GetMetricData", _ => Interlocked.Decrement(ref failures) >= 0
            ? new ScriptedResponse(503, FakeAwsQueryApi.Error("ServiceUnavailable", "try again"))
            : null);
        api.DataPoints[(M.Elb502Count, FakeAwsQueryApi.LoadBalancerId)] = [8];
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var evidence = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(8, evidence.Metrics.Value?[M.Elb502Count]);
        Assert.Equal(2, server.Requests.Count(r => FakeAwsQueryApi.Form(r)["Action"] == "GetMetricData"));
    }

    [Theory]
    [InlineData(403, "AccessDenied", UnavailableReason.NoPermission)]
    [InlineData(400, "AccessDeniedException", UnavailableReason.NoPermission)]
    [InlineData(400, "InvalidParameterValue", UnavailableReason.ApiError)]
    [InlineData(500, "InternalFailure", UnavailableReason.ApiError)]
    public async Task GatherAsync_CloudWatchError_UnavailableWithTheReasonAndCode(int status, string code, UnavailableReason reason)
    {
        var api = new FakeAwsQueryApi();
        api.Override("GetMetricData", _ => new ScriptedResponse(status, FakeAwsQueryApi.Error(code, "refused")));
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var evidence = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(reason, evidence.Metrics.Missing?.Reason);
        Assert.Contains(code, evidence.Metrics.Missing!.Detail, StringComparison.Ordinal);
        Assert.Equal(300, evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.DeregistrationDelaySeconds.Value);
    }

    [Fact]
    public async Task GatherAsync_AnswerThatIsNotXml_ApiError()
    {
        var api = new FakeAwsQueryApi();
        api.Override("DescribeTargetGroups", _ => new ScriptedResponse(200, "<html><body>proxy says hi") { ContentType = "text/html" });
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var evidence = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.ApiError, evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.Configuration.Missing?.Reason);
        Assert.Contains("not XML", evidence.TargetGroup(FakeAwsQueryApi.HttpGroup)!.Configuration.Missing!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatherAsync_CallerCancelled_ReturnsUnavailableInsteadOfThrowing()
    {
        await using var silent = new SilentTcpServer();
        using var source = Source(silent.Endpoint);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var evidence = await source.GatherAsync(Request(), cancelled.Token).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.Timeout, evidence.Metrics.Missing?.Reason);
        Assert.Equal("cancelled before AWS answered", evidence.Metrics.Missing!.Detail);
    }

    [Fact]
    public async Task GatherAsync_SecondCallWithinTheLifetime_ConfigurationFromTheCacheMetricsAskedAgain()
    {
        var api = new FakeAwsQueryApi();
        await using var server = new RecordingHttpServer(api.RespondAsync);
        var time = new FixedTime(s_now);
        using var source = Source(server.BaseUri, time: time);
        int Count(string action) => server.Requests.Count(r => FakeAwsQueryApi.Form(r)["Action"] == action);

        await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);
        time.Now = s_now.AddMinutes(4);
        var second = await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(2, Count("DescribeTargetGroups"));
        Assert.Equal(1, Count("DescribeLoadBalancerAttributes"));
        Assert.Equal(1, Count("DescribeTargetHealth"));
        Assert.Equal(4, Count("GetMetricData"));
        Assert.Equal(60, second.IdleTimeoutSeconds.Value);

        time.Now = s_now.AddMinutes(6);
        await source.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(2, Count("DescribeLoadBalancerAttributes"));
    }

    [Fact]
    public async Task GatherAsync_SourcesSharingACache_AskForConfigurationOnce()
    {
        var api = new FakeAwsQueryApi();
        await using var server = new RecordingHttpServer(api.RespondAsync);
        var cache = new ConfigurationCache(TimeSpan.FromMinutes(5), new FixedTime(s_now));
        var options = new AwsEvidenceSourceOptions { CloudWatchEndpoint = server.BaseUri, ElasticLoadBalancingEndpoint = server.BaseUri, Budget = TimeSpan.FromSeconds(30) };

        using (var first = new AwsEvidenceSource(options, s_credentials, cache: cache))
        {
            await first.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);
        }

        using var second = new AwsEvidenceSource(options, s_credentials, cache: cache);
        var evidence = await second.GatherAsync(Request(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(1, server.Requests.Count(r => FakeAwsQueryApi.Form(r)["Action"] == "DescribeLoadBalancerAttributes"));
        Assert.Equal(60, evidence.IdleTimeoutSeconds.Value);
    }

    [Fact]
    public async Task GatherAsync_FailedConfigurationAnswer_NotCached()
    {
        var api = new FakeAwsQueryApi();
        var failures = 1;
        api.Override("DescribeLoadBalancerAttributes", _ => Interlocked.Decrement(ref failures) >= 0
            ? new ScriptedResponse(403, FakeAwsQueryApi.Error("AccessDenied", "not yet"))
            : null);
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var first = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);
        var second = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.NoPermission, first.IdleTimeoutSeconds.Missing?.Reason);
        Assert.Equal(60, second.IdleTimeoutSeconds.Value);
    }

    [Fact]
    public async Task GatherAsync_NoAccountAnywhere_LoadBalancerConfigurationNotAsked()
    {
        var api = new FakeAwsQueryApi();
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);
        var request = Request() with { TargetGroupArns = [] };

        var evidence = await source.GatherAsync(request, CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(UnavailableReason.NotAsked, evidence.IdleTimeoutSeconds.Missing?.Reason);
        Assert.True(evidence.Metrics.IsAvailable);
        Assert.Empty(evidence.TargetGroups);
    }

    [Fact]
    public async Task GatherAsync_MetricPages_EveryPageSummed()
    {
        var api = new FakeAwsQueryApi();
        api.Override("GetMetricData", form => form.ContainsKey("NextToken")
            ? new ScriptedResponse(200, MetricPage(form["NextToken"] == "page-2" ? "4" : "0", nextToken: null))
            : new ScriptedResponse(200, MetricPage("6", nextToken: "page-2")));
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var evidence = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(new MetricReading(M.Elb502Count, 10, 2), evidence.Metrics.Value!.Get(M.Elb502Count));

        static string MetricPage(string value, string? nextToken) =>
            "<GetMetricDataResponse><GetMetricDataResult><MetricDataResults><member><Id>m0</Id><Timestamps><member>2026-12-07T10:00:00Z</member></Timestamps>"
            + $"<Values><member>{value}</member></Values><StatusCode>{(nextToken is null ? "Complete" : "PartialData")}</StatusCode></member></MetricDataResults>"
            + (nextToken is null ? "" : $"<NextToken>{nextToken}</NextToken>") + "</GetMetricDataResult></GetMetricDataResponse>";
    }

    [Theory]
    [InlineData("Forbidden", UnavailableReason.NoPermission)]
    [InlineData("InternalError", UnavailableReason.ApiError)]
    public async Task GatherAsync_QueryStatusOtherThanComplete_MetricsUnavailableRatherThanZero(string status, UnavailableReason reason)
    {
        var api = new FakeAwsQueryApi();
        api.Override("GetMetricData", _ => new ScriptedResponse(200,
            "<GetMetricDataResponse><GetMetricDataResult><MetricDataResults><member><Id>m0</Id><Timestamps/><Values/>"
            + $"<StatusCode>{status}</StatusCode></member></MetricDataResults></GetMetricDataResult></GetMetricDataResponse>"));
        await using var server = new RecordingHttpServer(api.RespondAsync);
        using var source = Source(server.BaseUri);

        var evidence = await source.GatherAsync(Request(FakeAwsQueryApi.HttpGroup), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(reason, evidence.Metrics.Missing?.Reason);
        Assert.Contains(status, evidence.Metrics.Missing!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-07T10:00:00Z", "2026-12-07T10:05:00Z", 60)]
    [InlineData("2026-12-06T10:00:00Z", "2026-12-07T10:00:00Z", 60)] // 1,440 minutes: still one-minute points
    [InlineData("2026-12-05T10:00:00Z", "2026-12-07T10:00:00Z", 120)] // two days: 1,440 points of two minutes
    [InlineData("2026-11-07T10:00:00Z", "2026-11-07T10:05:00Z", 300)] // a month ago: five-minute resolution
    [InlineData("2026-08-07T10:00:00Z", "2026-08-07T10:05:00Z", 3600)] // months ago: hourly resolution
    public void PeriodSeconds_ResolutionCloudWatchKeepsAndAtMost1440Points(string start, string end, int expected)
    {
        var period = CloudWatch.CloudWatchClient.PeriodSeconds(Parse(start), Parse(end), new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero));

        Assert.Equal(expected, period);

        static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void LoadBalancerArn_FromTheAccountAndPartitionOfTheRequest()
    {
        var request = Request();

        Assert.Equal(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/my-alb/50dc6c495c0c9188",
            AwsEvidenceSource.LoadBalancerArn(request, request.TargetGroupArns));
        Assert.Equal(
            "arn:aws-cn:elasticloadbalancing:cn-north-1:210987654321:loadbalancer/app/my-alb/50dc6c495c0c9188",
            AwsEvidenceSource.LoadBalancerArn(request with { Region = "cn-north-1", AccountId = "210987654321" }, []));
        Assert.Null(AwsEvidenceSource.LoadBalancerArn(request, []));
    }

    [Fact]
    public void OptionsFromEnvironment_ServiceVariablesThenTheGeneralOne()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566/",
            ["AWS_ENDPOINT_URL_CLOUDWATCH"] = "http://127.0.0.1:5000/",
        };

        var options = AwsEvidenceSourceOptions.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.CloudWatchEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), options.ElasticLoadBalancingEndpoint);

        environment["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"] = "http://127.0.0.1:5001/";
        Assert.Equal(new Uri("http://127.0.0.1:5001/"), AwsEvidenceSourceOptions.FromEnvironment(name => environment.GetValueOrDefault(name)).ElasticLoadBalancingEndpoint);

        environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        Assert.Null(AwsEvidenceSourceOptions.FromEnvironment(name => environment.GetValueOrDefault(name)).CloudWatchEndpoint);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
