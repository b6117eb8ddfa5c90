using System.Globalization;
using System.Net;
using AlbLogLambda.Core.Analysis;
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
/// <item>A summary is published when its 502s reach <see cref="BatchSettings.Min502Count"/>; a summary that cannot be
/// published retries every unit in it.</item>
/// </list>
/// </summary>
public sealed class BatchRunner
{
    private readonly ILogObjectSource _source;
    private readonly ISummaryPublisher _publisher;
    private readonly TimeProvider _clock;
    private readonly IBatchObserver? _observer;

    public BatchRunner(ILogObjectSource source, ISummaryPublisher publisher, BatchSettings settings, TimeProvider clock, IBatchObserver? observer = null)
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

            var summaries = new List<SummaryResult>();
            foreach (var (loadBalancer, session) in sessions.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var summary = Summarize(loadBalancer, session, work, retried);
                if (summary is null) continue;
                if (summary.Report.Http502.Total < Settings.Min502Count)
                {
                    summaries.Add(new SummaryResult(summary, SummaryDelivery.BelowThreshold, null, null));
                    continue;
                }
                try
                {
                    var receipt = await _publisher.PublishAsync(summary, cancellationToken).ConfigureAwait(false);
                    summaries.Add(new SummaryResult(summary, receipt.DryRun ? SummaryDelivery.DryRun : SummaryDelivery.Published, receipt, null));
                }
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    _observer?.PublishFailed(summary, e);
                    summaries.Add(new SummaryResult(summary, SummaryDelivery.Failed, null, e.Message));
                    var units = work.Where(w => w.LoadBalancer == loadBalancer && !retried.Contains(w.Message)).Select(w => w.Message).ToArray();
                    if (!request.PartialFailures)
                    {
                        return Result(request, work, summaries, units.ToHashSet<BatchMessage>(ReferenceEqualityComparer.Instance),
                            $"publishing the summary of {loadBalancer} failed: {e.Message}");
                    }
                    // Every unit in this summary is retried, so the summary is published in full later.
                    retried.UnionWith(units);
                }
            }
            return Result(request, work, summaries, retried, null);
        }
        finally
        {
            foreach (var item in work) item.Analysis?.Dispose();
            foreach (var session in sessions.Values) session.Dispose();
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
                item.Analysis = await Task.Run(() =>
                {
                    using var content = new DeadlineBoundStream(opened.Content, reading);
                    return session.AnalyzeDetached(key, content, reading);
                }, reading).ConfigureAwait(false);
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
                : $"stopped {Settings.DeadlineMargin.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s before the invocation deadline";
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

    private static BatchResult Result(BatchRequest request, List<WorkItem> work, List<SummaryResult> summaries, HashSet<BatchMessage> retried, string? wholeBatchReason) =>
        new(work.Select(w => w.ToResult()).ToArray(),
            summaries,
            wholeBatchReason is null ? request.Messages.Where(retried.Contains).ToArray() : [],
            wholeBatchReason);

    private static string Count(int units) => units == 1 ? "1 unit of work" : $"{units.ToString(CultureInfo.InvariantCulture)} units of work";

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
