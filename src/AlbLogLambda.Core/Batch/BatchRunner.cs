using System.Globalization;
using System.Net;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Core.ObjectKeys;
using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Core.Batch;

/// <summary>
/// The use case: a batch of log objects in, one summary per load balancer published, and a typed account of every
/// object and of what must be retried out. The rules it follows:
/// <list type="bullet">
/// <item>Objects are grouped by the load balancer their key names; keys of other log kinds are skipped unread.</item>
/// <item>Objects are read concurrently and each is added to its summary only once it is read to the end, so an object
/// abandoned half-way leaves no trace in the totals.</item>
/// <item>Reading stops <see cref="BatchSettings.DeadlineMargin"/> before the deadline; what is unfinished then is
/// retried, never silently dropped.</item>
/// <item>A permanent failure (missing or corrupt object) is reported in the summary; any other failure (throttling,
/// 5xx, timeouts, access, KMS: what an operator or time fixes) retries the object's unit.</item>
/// <item>A unit to retry keeps all its objects out of every summary: they come back with the retry.</item>
/// <item>Without partial failures (a direct event), anything to retry fails the whole batch before anything is
/// published, so that the platform's retry produces the one complete summary.</item>
/// <item>A summary is published when its 502s reach <see cref="BatchSettings.Min502Count"/>; summaries are published
/// concurrently and must finish <see cref="BatchSettings.AnswerMargin"/> before the deadline; a summary that cannot be
/// published retries every unit in it.</item>
/// <item>With a publication ledger, a summary published before (same objects) is not published again.</item>
/// <item>On a unit's last allowed delivery (<see cref="BatchSettings.MaxReceiveCount"/>), what would be retried is
/// reported as failed instead.</item>
/// </list>
/// </summary>
public sealed class BatchRunner
{
    private readonly ILogObjectSource _source;
    private readonly ISummaryPublisher _publisher;
    private readonly TimeProvider _clock;
    private readonly IBatchObserver? _observer;
    private readonly IPublicationLedger? _ledger;
    private readonly IEvidenceSource? _evidence;

    /// <param name="source">Where objects are read from.</param>
    /// <param name="publisher">Where summaries go.</param>
    /// <param name="settings">The rules.</param>
    /// <param name="clock">Deadlines and durations.</param>
    /// <param name="observer">Hears of each object and failure as it happens.</param>
    /// <param name="ledger">Remembers published summaries across retries; null to publish every time.</param>
    /// <param name="evidence">AWS's own evidence (CloudWatch), asked for each summary before it is published; null to not ask.</param>
    public BatchRunner(
        ILogObjectSource source,
        ISummaryPublisher publisher,
        BatchSettings settings,
        TimeProvider clock,
        IBatchObserver? observer = null,
        IPublicationLedger? ledger = null,
        IEvidenceSource? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        _source = source;
        _publisher = publisher;
        Settings = settings;
        _clock = clock;
        _observer = observer;
        _ledger = ledger;
        _evidence = evidence;
    }

    public BatchSettings Settings { get; }

    public async Task<BatchResult> RunAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var work = Plan(request);
        var pending = work.Where(w => w.Status is null).ToArray();

        // The deadline runs on the injected clock, so that tests move time instead of waiting for it.
        using var deadline = new CancellationTokenSource(NotNegative(request.Deadline - _clock.GetUtcNow() - Settings.DeadlineMargin), _clock);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // One object per core; a core left over decodes ahead of the parser.
        var options = Settings.Analysis with { ReadAhead = pending.Length < Environment.ProcessorCount };
        var sessions = pending.Select(w => w.LoadBalancer!).Distinct(StringComparer.Ordinal)
            .ToDictionary(lb => lb, _ => new AnalysisSession(options), StringComparer.Ordinal);
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Settings.Concurrency) },
                (item, _) => new ValueTask(ReadAsync(item, sessions[item.LoadBalancer!], reading.Token, cancellationToken))).ConfigureAwait(false);

            var retried = work.Where(w => w.Status == BatchObjectStatus.Retry).Select(w => w.Message).ToHashSet<BatchMessage>(ReferenceEqualityComparer.Instance);
            if (!request.PartialFailures && retried.Count > 0)
            {
                var first = work.First(w => w.Status == BatchObjectStatus.Retry);
                return Result(request, work, [], retried,
                    $"{Count(retried.Count)} could not be read and will be retried; first: {first.Object}: {first.Reason}");
            }

            var built = sessions.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => Summarize(s.Key, s.Value, work, retried))
                .OfType<LoadBalancerSummary>()
                .ToArray();
            // Publishing has its own budget: every attempt and retry must end before the batch answers.
            using var answerBy = new CancellationTokenSource(NotNegative(request.Deadline - _clock.GetUtcNow() - Settings.AnswerMargin), _clock);
            using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, answerBy.Token);
            var summaries = await Task.WhenAll(built.Select(s => DeliverAsync(s, publishing.Token, cancellationToken))).ConfigureAwait(false);

            var failedUnits = new HashSet<BatchMessage>(ReferenceEqualityComparer.Instance);
            foreach (var failed in summaries.Where(s => s.Delivery == SummaryDelivery.Failed))
            {
                // Every unit in this summary is retried, so the summary is published in full later.
                failedUnits.UnionWith(work.Where(w => w.LoadBalancer == failed.LoadBalancer && !retried.Contains(w.Message)).Select(w => w.Message));
            }
            if (failedUnits.Count > 0 && !request.PartialFailures)
            {
                var first = summaries.First(s => s.Delivery == SummaryDelivery.Failed);
                return Result(request, work, summaries, failedUnits, $"publishing the summary of {first.LoadBalancer} failed: {first.Error}");
            }
            retried.UnionWith(failedUnits);
            return Result(request, work, summaries, retried, null);
        }
        finally
        {
            foreach (var item in work) item.Analysis?.Dispose();
            foreach (var session in sessions.Values) session.Dispose();
        }
    }

    /// <summary>Publishes one summary unless it is below the threshold or was published before.</summary>
    private async Task<SummaryResult> DeliverAsync(LoadBalancerSummary summary, CancellationToken budget, CancellationToken caller)
    {
        if (summary.Report.Http502.Total < Settings.Min502Count) return new SummaryResult(summary, SummaryDelivery.BelowThreshold, null, null);
        try
        {
            if (_ledger is not null && await InLedgerAsync(summary, budget).ConfigureAwait(false))
            {
                return new SummaryResult(summary, SummaryDelivery.AlreadyPublished, null, null);
            }
            summary = await ConfirmAsync(summary, budget).ConfigureAwait(false);
            var receipt = await _publisher.PublishAsync(summary, budget).ConfigureAwait(false);
            if (_ledger is not null && !receipt.DryRun) await RecordAsync(summary, budget).ConfigureAwait(false);
            return new SummaryResult(summary, receipt.DryRun ? SummaryDelivery.DryRun : SummaryDelivery.Published, receipt, null);
        }
        catch (Exception e) when (!caller.IsCancellationRequested)
        {
            var failure = e is OperationCanceledException && budget.IsCancellationRequested
                ? new TimeoutException($"publishing did not finish {Seconds(Settings.AnswerMargin)} s before the invocation deadline", e)
                : e;
            _observer?.PublishFailed(summary, failure);
            return new SummaryResult(summary, SummaryDelivery.Failed, null, failure.Message);
        }
    }

    /// <summary>
    /// The summary with AWS's verdict on its causes, when an evidence source is configured. The source has a budget of
    /// its own and answers "unavailable" for what it could not get; evidence never fails or delays a page past it.
    /// </summary>
    private async Task<LoadBalancerSummary> ConfirmAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        var report = summary.Report;
        if (_evidence is null || report.Window.First is not { } first || report.Window.Last is not { } last) return summary;
        if (summary.Objects.Select(o => AlbLogObjectKey.TryParse(o.Key, out var k) ? k : null).FirstOrDefault(k => k is not null) is not { } key) return summary;
        var request = new EvidenceRequest(summary.LoadBalancer, report.TargetGroups.Select(g => g.TargetGroup).ToArray(), first, last, key.Region)
        {
            AccountId = key.AccountId,
        };
        try
        {
            var evidence = await _evidence.GatherAsync(request, cancellationToken).ConfigureAwait(false);
            var confirmation = ReportConfirmation.Of(summary.Report, summary.LoadBalancer, evidence, request.Window);
            // The hypotheses the configuration settles are shown settled, in the message and the linked report alike.
            return summary with { Report = confirmation.ApplyTo(summary.Report), Confirmation = confirmation };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The port promises not to throw; should one still, the page goes out without the confirmation.
            _observer?.EvidenceUnavailable(summary, e);
            return summary;
        }
    }

    private async Task<bool> InLedgerAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        try
        {
            return await _ledger!.ContainsAsync(summary.Identity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _observer?.LedgerUnavailable(summary, e);
            return false;
        }
    }

    private async Task RecordAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        try
        {
            await _ledger!.RecordAsync(summary.Identity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Published already: failing now would page twice. A missing record costs at most one duplicate later.
            _observer?.LedgerUnavailable(summary, e);
        }
    }

    /// <summary>One work item per object: ALB access logs get their load balancer, anything else is skipped now.</summary>
    private List<WorkItem> Plan(BatchRequest request)
    {
        var work = new List<WorkItem>();
        foreach (var message in request.Messages)
        {
            if (message.Objects.Count == 0)
            {
                _observer?.MessageSkipped(message);
                continue;
            }
            foreach (var o in message.Objects)
            {
                var item = new WorkItem(message, o);
                var kind = AlbLogObjectKey.Classify(o.Key, out var reason);
                if (kind == LogObjectKind.AlbAccessLog && AlbLogObjectKey.TryParse(o.Key, out var key))
                {
                    item.LoadBalancer = key.LoadBalancerId;
                }
                else
                {
                    item.Status = BatchObjectStatus.Skipped;
                    item.Reason = reason ?? "the key is not in the ALB access-log format (…_elasticloadbalancing_region_app.name.id_end_ip_rand.log.gz)";
                    _observer?.ObjectSettled(item.ToResult());
                }
                work.Add(item);
            }
        }
        return work;
    }

    private async Task ReadAsync(WorkItem item, AnalysisSession session, CancellationToken reading, CancellationToken caller)
    {
        long started = _clock.GetTimestamp();
        try
        {
            string key = item.Object.Key;
            OpenedLogObject opened;
            try
            {
                opened = await _source.OpenAsync(item.Object, reading).ConfigureAwait(false);
            }
            catch (LogObjectException e) when (item.Object.KeyMayBeUrlEncoded && e.Failure == LogObjectFailure.NotFound && key.AsSpan().IndexOfAny('%', '+') >= 0)
            {
                opened = await _source.OpenAsync(item.Object with { Key = WebUtility.UrlDecode(key) }, reading).ConfigureAwait(false);
            }
            await using (opened.ConfigureAwait(false))
            {
                item.ETag = opened.ETag ?? item.ETag;
                item.RawBytes = opened.ContentLength;
                // The engine reads synchronously (spans, no per-line awaits): keep it off the caller's thread.
                // A thread of its own (not the pool's): objects read at once share the cores by time slices, so a slow or
                // hostile object cannot starve the others, and a blocking network read does not hold a pool thread.
                item.Analysis = await Task.Factory.StartNew(() =>
                {
                    using var content = new DeadlineBoundStream(opened.Content, reading);
                    return session.AnalyzeDetached(key, content, reading);
                }, reading, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
            item.Outcome = item.Analysis.Outcome;
            item.Status = item.Outcome.Status == ObjectStatus.Failed ? BatchObjectStatus.Failed : BatchObjectStatus.Ok;
            item.Reason = item.Outcome.Reason;
        }
        catch (Exception) when (reading.IsCancellationRequested)
        {
            item.Status = BatchObjectStatus.Retry;
            item.Reason = caller.IsCancellationRequested
                ? "the invocation was cancelled"
                : $"stopped {Seconds(Settings.DeadlineMargin)} s before the invocation deadline";
        }
        catch (LogObjectException e) when (!e.Retryable)
        {
            item.Status = BatchObjectStatus.Failed;
            item.Reason = e.Message;
        }
        catch (Exception e)
        {
            // Throttling, 5xx, timeouts, network, access denied, KMS: an operator or time fixes these; retry.
            item.Status = BatchObjectStatus.Retry;
            item.Reason = $"{e.GetType().Name}: {e.Message}";
        }
        if (item.Status == BatchObjectStatus.Retry && item.Message.ReceiveCount >= Settings.MaxReceiveCount && !caller.IsCancellationRequested)
        {
            // The queue would park the next failure in the dead-letter queue: report it now, where people read it.
            item.Status = BatchObjectStatus.Failed;
            item.Reason = $"not read in {item.Message.ReceiveCount} deliveries (the queue's limit), last: {item.Reason}";
        }
        item.Duration = _clock.GetElapsedTime(started);
        _observer?.ObjectSettled(item.ToResult());
    }

    /// <summary>Commits the objects that stay in the batch; null when none of this load balancer's objects does.</summary>
    private static LoadBalancerSummary? Summarize(string loadBalancer, AnalysisSession session, List<WorkItem> work, HashSet<BatchMessage> retried)
    {
        var members = work.Where(w => w.LoadBalancer == loadBalancer).ToArray();
        var included = new List<LogObjectRef>();
        foreach (var item in members)
        {
            if (retried.Contains(item.Message))
            {
                // Its unit will be redelivered: this object comes back then, so it stays out of this summary.
                item.Analysis?.Dispose();
                item.Analysis = null;
                continue;
            }
            if (item.Analysis is not null) session.Commit(item.Analysis);
            else if (item.Status == BatchObjectStatus.Failed) session.Record(ObjectOutcome.FailedObject(item.Object.Key, item.Reason!));
            item.Analysis = null;
            included.Add(item.Object with { ETag = item.ETag });
        }
        if (included.Count == 0) return null;
        return new LoadBalancerSummary(loadBalancer, session.BuildReport(), included, members.Count(m => m.Status == BatchObjectStatus.Retry));
    }

    private static BatchResult Result(BatchRequest request, List<WorkItem> work, IReadOnlyList<SummaryResult> summaries, HashSet<BatchMessage> retried, string? wholeBatchReason) =>
        new(work.Select(w => w.ToResult()).ToArray(),
            summaries,
            wholeBatchReason is null ? request.Messages.Where(retried.Contains).ToArray() : [],
            wholeBatchReason);

    private static string Count(int units) => units == 1 ? "1 unit of work" : $"{units.ToString(CultureInfo.InvariantCulture)} units of work";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

    private static TimeSpan NotNegative(TimeSpan remaining) => remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;

    private sealed class WorkItem(BatchMessage message, LogObjectRef logObject)
    {
        public BatchMessage Message { get; } = message;
        public LogObjectRef Object { get; } = logObject;
        public string? LoadBalancer { get; set; }
        public BatchObjectStatus? Status { get; set; }
        public string? Reason { get; set; }
        public string? ETag { get; set; } = logObject.ETag;
        public long? RawBytes { get; set; }
        public ObjectOutcome? Outcome { get; set; }
        public ObjectAnalysis? Analysis { get; set; }
        public TimeSpan Duration { get; set; }

        public ObjectResult ToResult() =>
            new(Object, Message, LoadBalancer, Status ?? BatchObjectStatus.Retry, Reason, Outcome, ETag, RawBytes, Duration);
    }
}
