using System.Text.Json;
using AlbLogLambda.Observability;
using AlbLogLambda.TestSupport;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// The function as <see cref="FunctionHost"/> builds it from its environment (S3 source, SNS publisher, S3 markers),
/// against moto's S3 and SNS, each behind a <see cref="FaultProxy"/>: what SNS throttling or silence, a retried
/// direct event, a redelivered SQS message and a crash between the publish and its marker cost, counted in the
/// messages moto's SNS accepted.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class FunctionFaultTests(MotoAlertFixture moto) : IClassFixture<MotoAlertFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(120);

    private FaultProxy _s3 = null!;
    private FaultProxy _sns = null!;
    private string _topic = "";

    public async Task InitializeAsync()
    {
        _s3 = new FaultProxy(moto.Server.Endpoint);
        _sns = new FaultProxy(moto.Server.Endpoint);
        _topic = await moto.CreateTopicAsync($"alb-502-{Guid.NewGuid():N}");
    }

    public async Task DisposeAsync()
    {
        await _sns.DisposeAsync();
        await _s3.DisposeAsync();
    }

    private static DateTimeOffset FarDeadline => DateTimeOffset.UtcNow.AddMinutes(10);

    private static DateTimeOffset Deadline(TimeSpan fromNow) => DateTimeOffset.UtcNow + fromNow;

    private static bool IsMarkerPut(ProxiedRequest r) => r.Method == "PUT" && r.Path.Contains("/" + MotoAlertFixture.MarkerPrefix, StringComparison.Ordinal);

    /// <summary>An object with <paramref name="http502"/> 502s (and one 200) of load balancer <paramref name="lb"/>, uploaded to moto.</summary>
    private async Task<string> PutLogAsync(string lb = "my-alb", int http502 = 2)
    {
        var key = MotoAlertFixture.UniqueKey(lb, lb == "my-alb" ? "50dc6c495c0c9188" : "0123456789abcdef");
        var elb = lb == "my-alb" ? "app/my-alb/50dc6c495c0c9188" : $"app/{lb}/0123456789abcdef";
        var lines = string.Concat(Enumerable.Repeat(Line("502 -", times: "-1 -1 -1", elb: elb), http502)) + Line(elb: elb);
        await moto.PutObjectAsync(key, Gzip(lines));
        return key;
    }

    /// <summary>One invocation of the function built from the environment (S3 and SNS through the proxies).</summary>
    private async Task<Invocation> InvokeAsync(byte[] payload, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        using var environment = EnvironmentScope.ForLocalS3(
            _s3.Endpoint,
            ("AWS_ENDPOINT_URL_SNS", _sns.Endpoint.AbsoluteUri),
            ("AWS_REGION", MotoAlertFixture.Region));
        var settings = new FunctionSettings { AlertTopicArn = _topic, PublishedMarkers = MotoAlertFixture.Markers };
        using var output = new StringWriter();
        var log = new FunctionLog(TextWriter.Synchronized(output));
        using var function = FunctionHost.Create(settings, log);
        try
        {
            var response = await function.Handler.HandleAsync(payload, deadline, cancellationToken).WaitAsync(s_bound, CancellationToken.None);
            return new Invocation(Json(response), null, output.ToString(), DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is BatchNotCompletedException or OperationCanceledException)
        {
            return new Invocation(null, e, output.ToString(), DateTimeOffset.UtcNow);
        }
    }

    private static Dictionary<string, JsonElement> Summaries(JsonElement response) =>
        response.GetProperty("summaries").EnumerateArray().ToDictionary(s => s.GetProperty("loadBalancer").GetString()!);

    private static string[] ItemFailures(JsonElement response) =>
        [.. response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];

    [Fact]
    public async Task Function_SnsThrottledTwiceThenAnswering_PublishesOneMessage()
    {
        var key = await PutLogAsync();
        _sns.Inject(ProxyFault.Throttle, times: 2);

        var run = await InvokeAsync(SqsEvent(("m-1", S3Body(key))), FarDeadline);

        Assert.Null(run.Error);
        Assert.Empty(ItemFailures(run.Response!.Value));
        Assert.True(Summaries(run.Response!.Value)["app/my-alb/50dc6c495c0c9188"].GetProperty("published").GetBoolean());
        var sent = Assert.Single(await moto.SentAsync(_topic));
        Assert.StartsWith("ALB 502: my-alb 2 from LB", sent.Subject, StringComparison.Ordinal);
        Assert.Equal([ProxyFaultKind.Throttle, ProxyFaultKind.Throttle, (ProxyFaultKind?)null], _sns.Requests.Select(r => r.Fault?.Kind));
        Assert.Contains("\"attempts\":3", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_SnsNeverAnswersWithTwoLoadBalancers_AnswersBeforeTheDeadlineWithExactlyTheirMessagesToRetry()
    {
        string a = await PutLogAsync("my-alb"), b = await PutLogAsync("other-alb"), calm = await PutLogAsync("calm-alb", http502: 0);
        _sns.Inject(ProxyFault.Stall);
        var markersBefore = (await moto.MarkerKeysAsync()).Count;
        // Reading stops 10 s before the deadline and publishing 2 s before it: one 10 s attempt, and the second cut short.
        var deadline = Deadline(TimeSpan.FromSeconds(15));

        var run = await InvokeAsync(SqsEvent(("m-a", S3Body(a)), ("m-b", S3Body(b)), ("m-calm", S3Body(calm))), deadline);

        Assert.True(run.AnsweredAt < deadline, $"answered at {run.AnsweredAt:O}, deadline {deadline:O}");
        var response = run.Response!.Value;
        Assert.Equal(["m-a", "m-b"], ItemFailures(response));
        var summaries = Summaries(response);
        foreach (var lb in (string[])["app/my-alb/50dc6c495c0c9188", "app/other-alb/0123456789abcdef"])
        {
            Assert.False(summaries[lb].GetProperty("published").GetBoolean());
            Assert.Contains("before the invocation deadline", summaries[lb].GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.False(summaries["app/calm-alb/0123456789abcdef"].GetProperty("published").GetBoolean());
        // Both were tried at once, not one after the other.
        Assert.Contains(_sns.Requests, r => r.BodyText.Contains("my-alb", StringComparison.Ordinal));
        Assert.Contains(_sns.Requests, r => r.BodyText.Contains("other-alb", StringComparison.Ordinal));
        Assert.Empty(await moto.SentAsync(_topic));
        Assert.Equal(markersBefore, (await moto.MarkerKeysAsync()).Count);
    }

    [Fact]
    public async Task Function_DirectEventRetriedAfterAPartialPublish_PagesEachLoadBalancerOnce()
    {
        string a = await PutLogAsync("my-alb"), b = await PutLogAsync("other-alb");
        _sns.Inject(ProxyFault.ServerError(500), when: r => r.BodyText.Contains("other-alb", StringComparison.Ordinal));
        var payload = S3Event(a, b);

        var first = await InvokeAsync(payload, FarDeadline);
        Assert.IsType<BatchNotCompletedException>(first.Error);
        Assert.Contains("other-alb", first.Error!.Message, StringComparison.Ordinal);
        Assert.Single(await moto.SentAsync(_topic));

        // The platform retries the whole event; SNS answers again.
        _sns.Heal();
        var retry = await InvokeAsync(payload, FarDeadline);
        Assert.Null(retry.Error);
        var summaries = Summaries(retry.Response!.Value);
        Assert.True(summaries["app/my-alb/50dc6c495c0c9188"].GetProperty("alreadyPublished").GetBoolean());
        Assert.True(summaries["app/other-alb/0123456789abcdef"].GetProperty("published").GetBoolean());

        var again = await InvokeAsync(payload, FarDeadline);
        Assert.All(Summaries(again.Response!.Value).Values, s => Assert.True(s.GetProperty("alreadyPublished").GetBoolean()));

        var sent = await moto.SentAsync(_topic);
        Assert.Equal(2, sent.Count);
        Assert.Single(sent, m => m.Subject!.Contains("my-alb", StringComparison.Ordinal));
        Assert.Single(sent, m => m.Subject!.Contains("other-alb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Function_SqsMessageRedeliveredAfterItsPublish_DoesNotPageAgain()
    {
        var key = await PutLogAsync();
        var payload = SqsEvent(("m-1", S3Body(key)));

        var first = await InvokeAsync(payload, FarDeadline);
        var redelivered = await InvokeAsync(payload, FarDeadline);

        Assert.True(Summaries(first.Response!.Value)["app/my-alb/50dc6c495c0c9188"].GetProperty("published").GetBoolean());
        var second = Summaries(redelivered.Response!.Value)["app/my-alb/50dc6c495c0c9188"];
        Assert.True(second.GetProperty("alreadyPublished").GetBoolean());
        Assert.False(second.GetProperty("published").GetBoolean());
        Assert.Empty(ItemFailures(redelivered.Response!.Value));
        Assert.Single(await moto.SentAsync(_topic));
        // The second run asked for the marker (HEAD, found) and wrote none.
        Assert.Single(_s3.Requests, IsMarkerPut);
    }

    [Fact]
    public async Task Function_CrashBetweenPublishAndMarker_CostsAtMostOneDuplicateAndNeverTheAlert()
    {
        var key = await PutLogAsync();
        var payload = SqsEvent(("m-1", S3Body(key)));
        var markersBefore = (await moto.MarkerKeysAsync()).Count;
        _s3.Inject(ProxyFault.Stall, when: IsMarkerPut);
        using var kill = new CancellationTokenSource();

        // The invocation publishes, then hangs writing its marker: that is where it is killed.
        var crashing = InvokeAsync(payload, FarDeadline, kill.Token);
        await _s3.WaitForRequestAsync(IsMarkerPut, s_bound);
        Assert.Single(await moto.SentAsync(_topic));
        await kill.CancelAsync();
        await crashing;
        Assert.Equal(markersBefore, (await moto.MarkerKeysAsync()).Count);

        // The message comes back (its visibility timeout ran out): one duplicate page, and this time the marker.
        _s3.Heal();
        var redelivered = await InvokeAsync(payload, FarDeadline);
        Assert.True(Summaries(redelivered.Response!.Value)["app/my-alb/50dc6c495c0c9188"].GetProperty("published").GetBoolean());
        Assert.Equal(markersBefore + 1, (await moto.MarkerKeysAsync()).Count);

        var third = await InvokeAsync(payload, FarDeadline);
        Assert.True(Summaries(third.Response!.Value)["app/my-alb/50dc6c495c0c9188"].GetProperty("alreadyPublished").GetBoolean());
        Assert.Equal(2, (await moto.SentAsync(_topic)).Count);
    }

    [Fact]
    public async Task Function_CrashWhilePublishing_LeavesNoMarkerSoTheRedeliveryPages()
    {
        var key = await PutLogAsync();
        var payload = SqsEvent(("m-1", S3Body(key)));
        var markersBefore = (await moto.MarkerKeysAsync()).Count;
        _sns.Inject(ProxyFault.Stall);
        using var kill = new CancellationTokenSource();

        var crashing = InvokeAsync(payload, FarDeadline, kill.Token);
        await _sns.WaitForRequestAsync(r => r.Method == "POST", s_bound);
        await kill.CancelAsync();
        await crashing;
        Assert.Empty(await moto.SentAsync(_topic));
        Assert.Equal(markersBefore, (await moto.MarkerKeysAsync()).Count);

        _sns.Heal();
        var redelivered = await InvokeAsync(payload, FarDeadline);

        Assert.True(Summaries(redelivered.Response!.Value)["app/my-alb/50dc6c495c0c9188"].GetProperty("published").GetBoolean());
        Assert.Single(await moto.SentAsync(_topic));
    }

    [Fact]
    public async Task Function_MarkersUnreadable_PublishesAnywayAndRecordsTheMarker()
    {
        var key = await PutLogAsync();
        var payload = SqsEvent(("m-1", S3Body(key)));
        _s3.Inject(ProxyFault.ServerError(503), when: r => r.Method == "HEAD" && r.Path.Contains("/" + MotoAlertFixture.MarkerPrefix, StringComparison.Ordinal));

        var run = await InvokeAsync(payload, FarDeadline);

        Assert.True(Summaries(run.Response!.Value)["app/my-alb/50dc6c495c0c9188"].GetProperty("published").GetBoolean());
        Assert.Contains("\"message\":\"ledger-unavailable\"", run.Log, StringComparison.Ordinal);
        Assert.Single(await moto.SentAsync(_topic));
        Assert.Single(_s3.Requests, r => IsMarkerPut(r) && r.UpstreamStatus == 200);
    }

    /// <summary>What one invocation answered (or threw), what it logged, and when it answered.</summary>
    private sealed record Invocation(JsonElement? Response, Exception? Error, string Log, DateTimeOffset AnsweredAt);
}
