using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;
using Microsoft.Extensions.Time.Testing;
using static AlbLogLambda.Core.Tests.TestLines;

namespace AlbLogLambda.Core.Tests.Batch;

public sealed class BatchRunnerTests
{
    private const string OtherElb = "app/api-alb/0123456789abcdef";

    private readonly InMemoryLogObjectSource _source = new();
    private readonly RecordingSummaryPublisher _publisher = new();
    private readonly RecordingObserver _observer = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 10, 6, 0, TimeSpan.Zero));

    private BatchRunner Runner(int min502 = 1, ISummaryPublisher? publisher = null) =>
        new(_source, publisher ?? _publisher, new BatchSettings { Min502Count = min502, Concurrency = 2 }, _clock, _observer);

    private static string Key(string lb = "my-alb", string id = "50dc6c495c0c9188", string rand = "5h2k9x3a") =>
        $"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.{lb}.{id}_20261124T1005Z_10.0.1.23_{rand}.log.gz";

    private static BatchMessage Message(string id, params string[] keys) => new(id, keys.Select(k => new LogObjectRef("b", k)).ToArray());

    private BatchRequest Sqs(params BatchMessage[] messages) => new(messages, PartialFailures: true, _clock.GetUtcNow().AddMinutes(15));

    private BatchRequest Direct(params string[] keys) => new(keys.Select(k => new BatchMessage(null, [new LogObjectRef("b", k)])).ToArray(), PartialFailures: false, _clock.GetUtcNow().AddMinutes(15));

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    private static Dictionary<string, string> Statuses(BatchResult result) =>
        result.Objects.ToDictionary(o => o.LogObject.Key, o => BatchObjectStatusNames.Of(result.IsRetried(o) ? BatchObjectStatus.Retry : o.Status));

    [Fact]
    public async Task RunAsync_SqsBatchWithGoodCorruptTestFileAndThrottledObjects_RetriesOnlyTheThrottledMessage()
    {
        string good = Key(rand: "good0001"), corrupt = Key(rand: "corrupt1"), throttled = Key(rand: "slowdown"), testFile = "AWSLogs/123456789012/ELBAccessLogTestFile";
        _source.Add(good, Gzip(Lines(Line(times: "0.001 0.004 -1", status: "502 -"), Line())));
        var damaged = Gzip(string.Concat(Enumerable.Repeat(Line(times: "-1 -1 -1", status: "502 -") + "\n", 500)));
        _source.Add(corrupt, damaged[..(damaged.Length / 2)]);
        _source.Fail(throttled, LogObjectFailure.Throttled, "SlowDown");
        var testEvent = new BatchMessage("m-test", [], "S3 test event");

        var result = await Runner().RunAsync(Sqs(Message("m-good", good), Message("m-corrupt", corrupt), testEvent, Message("m-testfile", testFile), Message("m-slow", throttled)), CancellationToken.None);

        Assert.Equal(["m-slow"], result.MessagesToRetry.Select(m => m.Id));
        Assert.Null(result.WholeBatchRetryReason);
        Assert.Equal(new Dictionary<string, string> { [good] = "ok", [corrupt] = "failed", [testFile] = "skipped", [throttled] = "retry" }, Statuses(result));
        var summary = Assert.Single(_publisher.Published);
        Assert.Equal(Elb, summary.LoadBalancer);
        Assert.Equal([good, corrupt], summary.Objects.Select(o => o.Key));
        Assert.Equal(1, summary.ObjectsToRetry);
        Assert.Equal(ObjectStatus.Failed, summary.Report.Objects.Single(o => o.Source == corrupt).Status);
        Assert.DoesNotContain(testFile, _source.Opened);
        Assert.Equal(SummaryDelivery.Published, Assert.Single(result.Summaries).Delivery);
        Assert.Equal(["m-test"], _observer.SkippedMessages);
        Assert.Equal(4, _observer.Settled.Count);
    }

    [Fact]
    public async Task RunAsync_SqsPublishFailure_RetriesEveryMessageOfThatSummaryAndPublishesTheOthers()
    {
        string a = Key(rand: "aaaaaaaa"), b = Key(rand: "bbbbbbbb"), other = Key(lb: "api-alb", id: "0123456789abcdef");
        _source.Add(a, Gzip(Line(status: "502 502")));
        _source.Add(b, Gzip(Line(times: "-1 -1 -1", status: "502 -")));
        _source.Add(other, Gzip(Line(status: "502 502", elb: OtherElb)));
        _publisher.FailFor.Add(Elb);

        var result = await Runner().RunAsync(Sqs(Message("m-a", a), Message("m-b", b), Message("m-other", other)), CancellationToken.None);

        Assert.Equal(["m-a", "m-b"], result.MessagesToRetry.Select(m => m.Id));
        Assert.Equal([OtherElb], _publisher.Published.Select(p => p.LoadBalancer));
        var failed = result.Summaries.Single(s => s.LoadBalancer == Elb);
        Assert.Equal((SummaryDelivery.Failed, $"publishing to {Elb} failed"), (failed.Delivery, failed.Error));
        Assert.Equal([$"{Elb}: publishing to {Elb} failed"], _observer.PublishFailures);
        Assert.Equal("retry", Statuses(result)[a]);
    }

    [Fact]
    public async Task RunAsync_DirectEventWithAnUnreadableObject_AsksForAWholeRetryBeforePublishingAnything()
    {
        string good = Key(rand: "good0001"), denied = Key(rand: "denied01");
        _source.Add(good, Gzip(Line(status: "502 502")));
        _source.Fail(denied, LogObjectFailure.AccessDenied, "AccessDenied");

        var result = await Runner().RunAsync(Direct(good, denied), CancellationToken.None);

        Assert.Contains("denied01", result.WholeBatchRetryReason, StringComparison.Ordinal);
        Assert.StartsWith("1 unit of work could not be read", result.WholeBatchRetryReason, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
        Assert.Empty(result.Summaries);
        Assert.Empty(result.MessagesToRetry);
    }

    [Fact]
    public async Task RunAsync_DirectEventWhosePublishFails_AsksForAWholeRetry()
    {
        string key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")));
        _publisher.FailFor.Add(Elb);

        var result = await Runner().RunAsync(Direct(key), CancellationToken.None);

        Assert.Equal($"publishing the summary of {Elb} failed: publishing to {Elb} failed", result.WholeBatchRetryReason);
        Assert.Equal(SummaryDelivery.Failed, Assert.Single(result.Summaries).Delivery);
    }

    [Fact]
    public async Task RunAsync_DeletedObject_IsFailedInTheSummaryAndNotRetried()
    {
        string good = Key(rand: "good0001"), gone = Key(rand: "deleted1");
        _source.Add(good, Gzip(Line(status: "502 502")));

        var result = await Runner().RunAsync(Direct(good, gone), CancellationToken.None);

        Assert.Null(result.WholeBatchRetryReason);
        Assert.Equal("failed", Statuses(result)[gone]);
        var outcome = Assert.Single(_publisher.Published).Report.Objects.Single(o => o.Source == gone);
        Assert.Contains("NoSuchKey", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, SummaryDelivery.Published)]
    [InlineData(3, SummaryDelivery.BelowThreshold)]
    public async Task RunAsync_Min502Count_PublishesFromTheThresholdOn(int min502, SummaryDelivery expected)
    {
        var key = Key();
        _source.Add(key, Gzip(Lines(Line(status: "502 502"), Line(status: "502 502"), Line())));

        var result = await Runner(min502).RunAsync(Direct(key), CancellationToken.None);

        Assert.Equal(expected, Assert.Single(result.Summaries).Delivery);
        Assert.Equal(expected == SummaryDelivery.Published ? 1 : 0, _publisher.Published.Count);
    }

    [Fact]
    public async Task RunAsync_FixedResponsesOnly_DoNotReachTheThreshold()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(target: "-", times: "-1 -1 -1", status: "502 -", actions: "fixed-response")));

        var result = await Runner().RunAsync(Direct(key), CancellationToken.None);

        Assert.Equal(SummaryDelivery.BelowThreshold, Assert.Single(result.Summaries).Delivery);
        Assert.Equal(1, result.Summaries[0].Report.Http502.FixedResponse);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task RunAsync_TwoLoadBalancers_OneSummaryEachInLoadBalancerOrder()
    {
        string a = Key(), b = Key(lb: "api-alb", id: "0123456789abcdef");
        _source.Add(a, Gzip(Line(status: "502 502")));
        _source.Add(b, Gzip(Line(times: "-1 -1 -1", status: "502 -", elb: OtherElb)));

        await Runner().RunAsync(Direct(a, b), CancellationToken.None);

        Assert.Equal([OtherElb, Elb], _publisher.Published.Select(p => p.LoadBalancer));
    }

    [Fact]
    public async Task RunAsync_NonAlbKeys_AreSkippedUnread()
    {
        var keys = new[]
        {
            "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/conn_log_123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz",
            "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.c6e77e28c25b2234_20261124T1005Z_5h2k9x3a.log.gz",
            "notes/readme.txt",
        };

        var result = await Runner().RunAsync(Direct(keys), CancellationToken.None);

        Assert.Empty(_source.Opened);
        Assert.All(result.Objects, o => Assert.Equal(BatchObjectStatus.Skipped, o.Status));
        Assert.All(result.Objects, o => Assert.NotNull(o.Reason));
        Assert.Empty(result.Summaries);
    }

    [Fact]
    public async Task RunAsync_DeadlineReachedWhileOneObjectStalls_RetriesOnlyThatObjectAndPublishesTheRest()
    {
        string good = Key(rand: "good0001"), stalled = Key(rand: "stalled1");
        _source.Add(good, Gzip(Line(status: "502 502")));
        _source.Stall(stalled);
        var request = new BatchRequest([Message("m-good", good), Message("m-stalled", stalled)], PartialFailures: true, _clock.GetUtcNow().AddSeconds(60));

        var running = Runner().RunAsync(request, CancellationToken.None);
        await _observer.WaitForSettledAsync(good);
        Assert.False(running.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(49)); // 11 s left: still inside the 10 s margin's allowance
        Assert.False(running.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1)); // 10 s before the deadline: reading stops
        var result = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["m-stalled"], result.MessagesToRetry.Select(m => m.Id));
        var retried = result.Objects.Single(o => o.LogObject.Key == stalled);
        Assert.Equal("stopped 10 s before the invocation deadline", retried.Reason);
        var summary = Assert.Single(_publisher.Published);
        Assert.Equal((1, 1), (summary.Objects.Count, summary.ObjectsToRetry));
        Assert.Equal(TimeSpan.FromSeconds(50), retried.Duration);
    }

    [Fact]
    public async Task RunAsync_DeadlineAlreadyInsideTheMargin_ReadsNothingAndRetriesEverything()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")));
        var request = new BatchRequest([Message("m-1", key)], PartialFailures: true, _clock.GetUtcNow().AddSeconds(5));

        var result = await Runner().RunAsync(request, CancellationToken.None);

        Assert.Equal(["m-1"], result.MessagesToRetry.Select(m => m.Id));
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task RunAsync_CallerCancelsWhileReading_SaysSo()
    {
        var key = Key();
        _source.Stall(key);
        using var cancel = new CancellationTokenSource();

        var running = Runner().RunAsync(Sqs(Message("m-1", key)), cancel.Token);
        await RecordingObserver.WaitForOpenedAsync(_source, key);
        await cancel.CancelAsync();
        var result = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("the invocation was cancelled", result.Objects[0].Reason);
    }

    [Fact]
    public async Task RunAsync_KeyThatMayBeUrlEncoded_IsTriedDecodedOnceWhenNotFound()
    {
        string real = Key(rand: "a b+c001");
        _source.Add(real, Gzip(Line(status: "502 502")));
        var encoded = new LogObjectRef("b", real.Replace(" ", "+", StringComparison.Ordinal).Replace("+c", "%2Bc", StringComparison.Ordinal), KeyMayBeUrlEncoded: true);

        var result = await Runner().RunAsync(new BatchRequest([new BatchMessage(null, [encoded])], false, _clock.GetUtcNow().AddMinutes(1)), CancellationToken.None);

        Assert.Equal([encoded.Key, real], _source.Opened);
        Assert.Equal(BatchObjectStatus.Ok, result.Objects[0].Status);
    }

    [Fact]
    public async Task RunAsync_KeyGivenDecoded_IsNotTriedTwice()
    {
        var key = Key(rand: "a+b00001");

        var result = await Runner().RunAsync(Direct(key), CancellationToken.None);

        Assert.Equal([key], _source.Opened);
        Assert.Equal(BatchObjectStatus.Failed, result.Objects[0].Status);
    }

    [Fact]
    public async Task RunAsync_PublisherThatOnlyShows_IsADryRun()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")));

        var result = await Runner(publisher: new ShowingPublisher()).RunAsync(Direct(key), CancellationToken.None);

        var summary = Assert.Single(result.Summaries);
        Assert.Equal(SummaryDelivery.DryRun, summary.Delivery);
        Assert.True(summary.Receipt!.DryRun);
    }

    [Fact]
    public async Task RunAsync_ObjectEtag_ComesFromTheStoreWhenItAnswers()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")), etag: "\"from-store\"");
        var request = new BatchRequest([new BatchMessage(null, [new LogObjectRef("b", key, ETag: "from-event")])], false, _clock.GetUtcNow().AddMinutes(1));

        var result = await Runner().RunAsync(request, CancellationToken.None);

        Assert.Equal("from-store", result.Objects[0].ETag);
        Assert.Equal("from-store", Assert.Single(_publisher.Published).Objects[0].ETag);
    }

    private sealed class ShowingPublisher : ISummaryPublisher
    {
        public Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken) => Task.FromResult(PublishReceipt.NotSent);
    }
}
