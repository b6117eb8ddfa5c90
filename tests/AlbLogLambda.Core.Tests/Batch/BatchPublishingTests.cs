using AlbLogLambda.Core.Batch;
using Microsoft.Extensions.Time.Testing;
using static AlbLogLambda.Core.Tests.TestLines;

namespace AlbLogLambda.Core.Tests.Batch;

/// <summary>Publishing: one page per summary across retries, inside the deadline, load balancers at once.</summary>
public sealed class BatchPublishingTests
{
    private const string OtherElb = "app/api-alb/0123456789abcdef";

    private readonly InMemoryLogObjectSource _source = new();
    private readonly RecordingSummaryPublisher _publisher = new();
    private readonly RecordingObserver _observer = new();
    private readonly InMemoryPublicationLedger _ledger = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 10, 6, 0, TimeSpan.Zero));

    private BatchRunner Runner(ISummaryPublisher? publisher = null, int? maxReceiveCount = null) =>
        new(_source, publisher ?? _publisher, new BatchSettings { Concurrency = 2, MaxReceiveCount = maxReceiveCount }, _clock, _observer, _ledger);

    private static string Key(string lb = "my-alb", string id = "50dc6c495c0c9188", string rand = "5h2k9x3a") =>
        $"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.{lb}.{id}_20261124T1005Z_10.0.1.23_{rand}.log.gz";

    private BatchRequest Direct(params string[] keys) =>
        new([new BatchMessage(null, keys.Select(k => new LogObjectRef("b", k, "etag")).ToArray())], PartialFailures: false, _clock.GetUtcNow().AddMinutes(15));

    private void TwoLoadBalancers(out string mine, out string other)
    {
        mine = Key();
        other = Key(lb: "api-alb", id: "0123456789abcdef");
        _source.Add(mine, Gzip(Line(status: "502 502")));
        _source.Add(other, Gzip(Line(status: "502 502", elb: OtherElb)));
    }

    [Fact]
    public async Task RunAsync_DirectEventRetriedAfterAPartialPublish_DoesNotPageTheFirstLoadBalancerAgain()
    {
        TwoLoadBalancers(out var mine, out var other);
        _publisher.FailFor.Add(Elb);

        var first = await Runner().RunAsync(Direct(mine, other), CancellationToken.None);
        Assert.NotNull(first.WholeBatchRetryReason);
        Assert.Equal([OtherElb], _publisher.Published.Select(p => p.LoadBalancer));

        // The platform retries the whole event once SNS is back.
        _publisher.FailFor.Clear();
        var retry = await Runner().RunAsync(Direct(mine, other), CancellationToken.None);

        Assert.Null(retry.WholeBatchRetryReason);
        Assert.Equal([OtherElb, Elb], _publisher.Published.Select(p => p.LoadBalancer));
        Assert.Equal(SummaryDelivery.AlreadyPublished, retry.Summaries.Single(s => s.LoadBalancer == OtherElb).Delivery);
        Assert.Equal(SummaryDelivery.Published, retry.Summaries.Single(s => s.LoadBalancer == Elb).Delivery);
    }

    [Fact]
    public async Task RunAsync_CrashBetweenPublishAndRecord_CostsAtMostOneDuplicate()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")));
        // The marker write never happens (as if the process died right after SNS accepted the message).
        _ledger.FailWrites = new IOException("process killed");

        await Runner().RunAsync(Direct(key), CancellationToken.None);
        _ledger.FailWrites = null;
        await Runner().RunAsync(Direct(key), CancellationToken.None);
        await Runner().RunAsync(Direct(key), CancellationToken.None);

        Assert.Equal(2, _publisher.Published.Count);
        Assert.Single(_observer.LedgerFailures);
    }

    [Fact]
    public async Task RunAsync_PublishFails_RecordsNothingSoTheRetryPublishes()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")));
        _publisher.FailFor.Add(Elb);

        await Runner().RunAsync(Direct(key), CancellationToken.None);
        Assert.Empty(_ledger.Recorded);
        _publisher.FailFor.Clear();
        await Runner().RunAsync(Direct(key), CancellationToken.None);

        Assert.Single(_publisher.Published);
        Assert.Single(_ledger.Recorded);
    }

    [Fact]
    public async Task RunAsync_LedgerUnreadable_PublishesAnyway()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(status: "502 502")));
        _ledger.Recorded.Add(LoadBalancerSummary.IdentityOf([new LogObjectRef("b", key, "\"9b2cf535f27731c974343645a3985328\"")]));
        _ledger.FailReads = new IOException("S3 is down");

        var result = await Runner().RunAsync(Direct(key), CancellationToken.None);

        Assert.Equal(SummaryDelivery.Published, Assert.Single(result.Summaries).Delivery);
        Assert.Equal([$"{Elb}: S3 is down"], _observer.LedgerFailures);
    }

    [Fact]
    public async Task RunAsync_SameObjectsPublishedBefore_AreNotPublishedAgainButOtherObjectsAre()
    {
        string a = Key(rand: "aaaaaaaa"), b = Key(rand: "bbbbbbbb");
        _source.Add(a, Gzip(Line(status: "502 502")));
        _source.Add(b, Gzip(Line(status: "502 502")));

        await Runner().RunAsync(Direct(a), CancellationToken.None);
        var again = await Runner().RunAsync(Direct(a), CancellationToken.None);
        await Runner().RunAsync(Direct(a, b), CancellationToken.None);

        Assert.Equal(SummaryDelivery.AlreadyPublished, Assert.Single(again.Summaries).Delivery);
        Assert.Equal([1, 2], _publisher.Published.Select(p => p.Objects.Count));
    }

    [Fact]
    public async Task RunAsync_PublisherThatNeverAnswers_FailsBeforeTheDeadlineWithExactlyItsMessagesToRetry()
    {
        TwoLoadBalancers(out var mine, out var other);
        var hanging = new HangingPublisher(Elb, _publisher);
        var request = new BatchRequest(
            [new BatchMessage("m-mine", [new LogObjectRef("b", mine)]), new BatchMessage("m-other", [new LogObjectRef("b", other)])],
            PartialFailures: true, _clock.GetUtcNow().AddSeconds(60));

        var running = Runner(hanging).RunAsync(request, CancellationToken.None);
        await hanging.Called.WaitAsync(TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromSeconds(57)); // 3 s left: the 2 s answer margin is not reached yet
        Assert.False(running.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["m-mine"], result.MessagesToRetry.Select(m => m.Id));
        var failed = result.Summaries.Single(s => s.LoadBalancer == Elb);
        Assert.Equal("publishing did not finish 2 s before the invocation deadline", failed.Error);
        Assert.Equal([OtherElb], _publisher.Published.Select(p => p.LoadBalancer));
        Assert.DoesNotContain(failed.Summary.Identity, _ledger.Recorded);
    }

    [Fact]
    public async Task RunAsync_TwoLoadBalancers_ArePublishedAtOnce()
    {
        TwoLoadBalancers(out var mine, out var other);
        var barrier = new BarrierPublisher(2);

        var result = await Runner(barrier).RunAsync(Direct(mine, other), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.All(result.Summaries, s => Assert.Equal(SummaryDelivery.Published, s.Delivery));
    }

    [Theory]
    [InlineData(4, BatchObjectStatus.Retry)]
    [InlineData(5, BatchObjectStatus.Failed)]
    public async Task RunAsync_LastAllowedDelivery_ReportsTheObjectFailedInsteadOfRetrying(int receiveCount, BatchObjectStatus expected)
    {
        string good = Key(rand: "good0001"), throttled = Key(rand: "slowdown");
        _source.Add(good, Gzip(Line(status: "502 502")));
        _source.Fail(throttled, LogObjectFailure.Throttled, "SlowDown");
        var request = new BatchRequest(
            [new BatchMessage("m-good", [new LogObjectRef("b", good)], ReceiveCount: 1), new BatchMessage("m-slow", [new LogObjectRef("b", throttled)], ReceiveCount: receiveCount)],
            PartialFailures: true, _clock.GetUtcNow().AddMinutes(15));

        var result = await Runner(maxReceiveCount: 5).RunAsync(request, CancellationToken.None);

        var slow = result.Objects.Single(o => o.LogObject.Key == throttled);
        Assert.Equal(expected, slow.Status);
        var summary = Assert.Single(_publisher.Published);
        if (expected == BatchObjectStatus.Failed)
        {
            Assert.Empty(result.MessagesToRetry);
            Assert.StartsWith("not read in 5 deliveries (the queue's limit), last: ", slow.Reason, StringComparison.Ordinal);
            Assert.Equal(2, summary.Objects.Count);
        }
        else
        {
            Assert.Equal(["m-slow"], result.MessagesToRetry.Select(m => m.Id));
            Assert.Single(summary.Objects);
        }
    }

    [Fact]
    public async Task RunAsync_NewlineBombAmongFourGoodObjects_FailsOnlyTheBombAndPublishesTheRest()
    {
        var good = Enumerable.Range(1, 4).Select(i => Key(rand: $"good000{i}")).ToArray();
        foreach (var key in good) _source.Add(key, Gzip(Line(status: "502 502")));
        string bomb = Key(rand: "bomb0001");
        _source.Add(bomb, Gzip(new byte[8 << 20].Select(_ => (byte)'\n').ToArray()));
        var messages = good.Append(bomb).Select(k => new BatchMessage("m-" + k[^16..], [new LogObjectRef("b", k)])).ToArray();
        var runner = new BatchRunner(_source, _publisher, new BatchSettings { Concurrency = 1, Analysis = new() { MaxDecodedBytes = 1 << 20, MaxConsecutiveNonEntries = int.MaxValue } }, _clock, _observer, _ledger);

        var result = await runner.RunAsync(new BatchRequest(messages, PartialFailures: true, _clock.GetUtcNow().AddMinutes(15)), CancellationToken.None);

        Assert.Empty(result.MessagesToRetry);
        var failed = result.Objects.Single(o => o.LogObject.Key == bomb);
        Assert.Equal(BatchObjectStatus.Failed, failed.Status);
        Assert.Contains("MAX_DECODED_BYTES", failed.Reason, StringComparison.Ordinal);
        var summary = Assert.Single(_publisher.Published);
        Assert.Equal(4, summary.Report.Http502.Total);
        Assert.Equal(5, summary.Objects.Count);
    }

    [Fact]
    public async Task RunAsync_WithAnEvidenceSource_PublishesEachCauseWithCloudWatchsVerdict()
    {
        var key = Key();
        _source.Add(key, Gzip(Line(times: "-1 -1 -1", status: "502 -") + "\n" + Line(times: "-1 -1 -1", status: "502 -")));
        var evidence = new FixedEvidenceSource((AlbLogLambda.Core.Evidence.EvidenceMetrics.TargetConnectionErrorCount, 1466), (AlbLogLambda.Core.Evidence.EvidenceMetrics.Elb502Count, 1480));
        var runner = new BatchRunner(_source, _publisher, new BatchSettings(), _clock, _observer, evidence: evidence);

        await runner.RunAsync(Direct(key), CancellationToken.None);

        var request = Assert.Single(evidence.Requests);
        Assert.Equal((Elb, "us-east-1", "123456789012"), (request.LoadBalancerId, request.Region, request.AccountId));
        Assert.Equal([TargetGroup], request.TargetGroupArns);
        var confirmation = Assert.Single(_publisher.Published).Confirmation!;
        var line = Assert.Single(confirmation.Causes);
        Assert.Equal("target-connection-failed", line.CauseId);
        Assert.StartsWith("confirmed: TargetConnectionErrorCount 1,466 for app/my-alb/50dc6c495c0c9188, 10:03", line.Line, StringComparison.Ordinal);
        Assert.True(confirmation.TopCauseConfirmed);
        Assert.Contains("2 of the 1,480", confirmation.Coverage.LoadBalancerSentence, StringComparison.Ordinal);
    }

    /// <summary>Answers every request with the same load-balancer metric sums.</summary>
    private sealed class FixedEvidenceSource(params (string Name, double Value)[] sums) : AlbLogLambda.Core.Evidence.IEvidenceSource
    {
        public List<AlbLogLambda.Core.Evidence.EvidenceRequest> Requests { get; } = [];

        public Task<AlbLogLambda.Core.Evidence.LoadBalancerEvidence> GatherAsync(AlbLogLambda.Core.Evidence.EvidenceRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var readings = AlbLogLambda.Core.Evidence.EvidencePart<AlbLogLambda.Core.Evidence.MetricReadings>.Available(
                new AlbLogLambda.Core.Evidence.MetricReadings(sums.Select(s => new AlbLogLambda.Core.Evidence.MetricReading(s.Name, s.Value, 1))));
            return Task.FromResult(new AlbLogLambda.Core.Evidence.LoadBalancerEvidence(request.LoadBalancerId, request.Window, readings,
                AlbLogLambda.Core.Evidence.EvidencePart<int>.Available(60), []));
        }
    }

    /// <summary>Never answers for one load balancer (a hung connection); delegates the others.</summary>
    private sealed class HangingPublisher(string hangFor, ISummaryPublisher inner) : ISummaryPublisher
    {
        private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Called => _called.Task;

        public async Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
        {
            if (summary.LoadBalancer != hangFor) return await inner.PublishAsync(summary, cancellationToken);
            _called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>Answers only once <paramref name="parties"/> publishes are in flight at the same time.</summary>
    private sealed class BarrierPublisher(int parties) : ISummaryPublisher
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == parties) _all.TrySetResult();
            await _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new PublishReceipt("m", 1, DryRun: false);
        }
    }
}
