using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AlbLogLambda.Aws;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.ObjectKeys;
using AlbLogLambda.Events;
using AlbLogLambda.Notification;

namespace AlbLogLambda;

/// <summary>
/// The handler: decode the event, stream each object through the engine, publish one summary per load
/// balancer. Clients are built once per process and passed in; everything else is in small classes.
/// </summary>
internal sealed class Function(FunctionSettings settings, ILogObjectSource source, IAlertPublisher publisher, FunctionLog log, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<byte[]> HandleAsync(byte[] payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var parsed = LambdaEventParser.Parse(payload);
        var work = Plan(parsed);

        // Stop reading early enough to answer: unfinished objects are then retried, not silently killed.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        reading.CancelAfter(Clamp(deadline - _clock.GetUtcNow() - settings.DeadlineMargin));
        // Objects are read concurrently, one per core; a core left over decodes ahead of the parser.
        var options = new AnalysisOptions
        {
            HttpsTargetGroups = settings.HttpsTargetGroups,
            ReadAhead = work.Count(w => w.State == ObjectState.Pending) < Environment.ProcessorCount,
        };
        var sessions = work.Where(w => w.LoadBalancer is not null).Select(w => w.LoadBalancer!).Distinct(StringComparer.Ordinal)
            .ToDictionary(lb => lb, _ => new AnalysisSession(options), StringComparer.Ordinal);
        try
        {
            await Parallel.ForEachAsync(work.Where(w => w.State == ObjectState.Pending),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                (item, _) => new ValueTask(ReadAsync(item, sessions[item.LoadBalancer!], parsed.Kind, reading.Token)));

            var retryMessages = work.Where(w => w.State == ObjectState.Retry).Select(w => w.MessageIndex).ToHashSet();
            if (parsed.Kind != EventSourceKind.Sqs && retryMessages.Count > 0)
            {
                // A direct S3 or EventBridge event has no partial failure: fail before publishing anything,
                // so that the platform's retry produces the one complete message.
                var first = work.First(w => w.State == ObjectState.Retry);
                throw new ObjectsNotReadException($"{retryMessages.Count} object(s) could not be read and will be retried; first: s3://{first.Object.Bucket}/{first.Object.Key}: {first.Reason}");
            }

            var failedMessages = new HashSet<int>(retryMessages);
            var published = new List<(string LoadBalancer, long Http502, bool Sent)>();
            foreach (var (loadBalancer, session) in sessions.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var members = work.Where(w => w.LoadBalancer == loadBalancer).ToArray();
                foreach (var item in members)
                {
                    if (failedMessages.Contains(item.MessageIndex))
                    {
                        // Its message will be redelivered: this object comes back then, so it stays out of this summary.
                        item.Analysis?.Dispose();
                        item.Analysis = null;
                        continue;
                    }
                    if (item.Analysis is not null) session.Commit(item.Analysis);
                    else if (item.State == ObjectState.Failed) session.Record(ObjectOutcome.FailedObject(item.Object.Key, item.Reason!));
                }
                var included = members.Where(m => !failedMessages.Contains(m.MessageIndex)).ToArray();
                if (included.Length == 0) continue;
                var report = session.BuildReport();
                foreach (var document in EmbeddedMetrics.Documents(loadBalancer, report, _clock.GetUtcNow())) log.WriteRaw(document);
                if (report.Http502.Total < settings.Min502Count)
                {
                    published.Add((loadBalancer, report.Http502.Total, false));
                    continue;
                }
                var message = AlertMessageBuilder.Build(loadBalancer, report,
                    included.Select(i => new CoveredObject(i.Object.Bucket, i.Object.Key, i.ETag)).ToArray(),
                    settings.AlertTopicArn, objectsToRetry: members.Count(m => m.State == ObjectState.Retry));
                try
                {
                    await publisher.PublishAsync(message, cancellationToken);
                    published.Add((loadBalancer, report.Http502.Total, true));
                }
                catch (Exception e) when (parsed.Kind == EventSourceKind.Sqs && e is not OperationCanceledException)
                {
                    // Every message that went into this summary is retried, so the summary is published in full later.
                    log.Write("publish-failed", w =>
                    {
                        w.WriteString("loadBalancer", loadBalancer);
                        w.WriteString("error", e.Message);
                    }, "ERROR");
                    foreach (var item in included) failedMessages.Add(item.MessageIndex);
                }
            }
            return Response(parsed, work, failedMessages, published);
        }
        finally
        {
            foreach (var item in work) item.Analysis?.Dispose();
            foreach (var session in sessions.Values) session.Dispose();
        }
    }

    /// <summary>One unit of work per object, with ALB access logs grouped by load balancer and everything else skipped.</summary>
    private List<WorkItem> Plan(ParsedEvent parsed)
    {
        var work = new List<WorkItem>();
        for (int i = 0; i < parsed.Messages.Count; i++)
        {
            var message = parsed.Messages[i];
            if (message.Objects.Count == 0)
            {
                log.Write("skipped-message", w =>
                {
                    if (message.SqsMessageId is not null) w.WriteString("messageId", message.SqsMessageId);
                    w.WriteString("reason", message.SkipReason);
                });
                continue;
            }
            foreach (var o in message.Objects)
            {
                var item = new WorkItem(i, message.SqsMessageId, o) { ETag = o.ETag };
                var kind = AlbLogObjectKey.Classify(o.Key, out var reason);
                if (kind == LogObjectKind.AlbAccessLog && AlbLogObjectKey.TryParse(o.Key, out var key))
                {
                    item.LoadBalancer = key.LoadBalancerId;
                }
                else
                {
                    item.State = ObjectState.Skipped;
                    item.Reason = reason ?? "the key is not in the ALB access-log format (…_elasticloadbalancing_region_app.name.id_end_ip_rand.log.gz)";
                    LogObject(item, TimeSpan.Zero);
                }
                work.Add(item);
            }
        }
        return work;
    }

    private async Task ReadAsync(WorkItem item, AnalysisSession session, EventSourceKind kind, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            string key = item.Object.Key;
            LogObject opened;
            try
            {
                opened = await source.OpenAsync(item.Object.Bucket, key, cancellationToken);
            }
            catch (LogObjectException e) when (kind == EventSourceKind.EventBridge && e.Failure == LogObjectFailure.NotFound && key.AsSpan().IndexOfAny('%', '+') >= 0)
            {
                // EventBridge's key encoding is not documented: if the key as given is missing, try it URL-decoded once.
                opened = await source.OpenAsync(item.Object.Bucket, WebUtility.UrlDecode(key), cancellationToken);
            }
            await using (opened)
            {
                item.ETag = opened.ETag ?? item.ETag;
                item.RawBytes = opened.ContentLength;
                // The engine reads synchronously (spans, no per-line awaits): keep it off the caller's thread.
                item.Analysis = await Task.Run(() =>
                {
                    using var content = new DeadlineBoundStream(opened.Content, cancellationToken);
                    return session.AnalyzeDetached(key, content, cancellationToken);
                }, cancellationToken);
            }
            item.State = item.Analysis.Outcome.Status == ObjectStatus.Failed ? ObjectState.Failed : ObjectState.Done;
            item.Reason = item.Analysis.Outcome.Reason;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            item.State = ObjectState.Retry;
            item.Reason = $"stopped {settings.DeadlineMargin.TotalSeconds:0} s before the invocation deadline";
        }
        catch (LogObjectException e) when (!e.Retryable)
        {
            item.State = ObjectState.Failed;
            item.Reason = e.Message;
        }
        catch (Exception e)
        {
            // Throttling, 5xx, timeouts, network, access denied, KMS: an operator or time fixes these; retry.
            item.State = ObjectState.Retry;
            item.Reason = $"{e.GetType().Name}: {e.Message}";
        }
        LogObject(item, Stopwatch.GetElapsedTime(started));
    }

    private void LogObject(WorkItem item, TimeSpan duration)
    {
        var outcome = item.Analysis?.Outcome;
        log.Write("object", w =>
        {
            w.WriteString("bucket", item.Object.Bucket);
            w.WriteString("key", item.Object.Key);
            // The SQS message that brought the object: what an operator looks for in the dead-letter queue.
            if (item.MessageId is not null) w.WriteString("messageId", item.MessageId);
            w.WriteString("status", StatusId(item.State));
            if (item.Reason is not null) w.WriteString("reason", item.Reason);
            if (item.RawBytes is { } bytes) w.WriteNumber("bytes", bytes);
            if (outcome is not null)
            {
                w.WriteNumber("decodedBytes", outcome.DecodedBytes);
                w.WriteNumber("entries", outcome.Entries);
                w.WriteNumber("malformed", outcome.Malformed);
                w.WriteNumber("http502LoadBalancer", outcome.Http502LoadBalancer);
                w.WriteNumber("http502Target", outcome.Http502Target);
            }
            w.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 1));
        }, item.State is ObjectState.Retry or ObjectState.Failed ? "WARN" : "INFO");
    }

    private static byte[] Response(ParsedEvent parsed, List<WorkItem> work, HashSet<int> failedMessages, List<(string LoadBalancer, long Http502, bool Sent)> published)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("objects");
            foreach (var item in work)
            {
                json.WriteStartObject();
                json.WriteString("bucket", item.Object.Bucket);
                json.WriteString("key", item.Object.Key);
                json.WriteString("status", failedMessages.Contains(item.MessageIndex) && item.State != ObjectState.Skipped ? "retry" : StatusId(item.State));
                if (item.Reason is not null) json.WriteString("reason", item.Reason);
                if (item.Analysis?.Outcome is { } outcome)
                {
                    json.WriteNumber("entries", outcome.Entries);
                    json.WriteNumber("http502LoadBalancer", outcome.Http502LoadBalancer);
                    json.WriteNumber("http502Target", outcome.Http502Target);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("summaries");
            foreach (var (loadBalancer, http502, sent) in published)
            {
                json.WriteStartObject();
                json.WriteString("loadBalancer", loadBalancer);
                json.WriteNumber("http502", http502);
                json.WriteBoolean("published", sent);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (parsed.Kind == EventSourceKind.Sqs)
            {
                json.WriteStartArray("batchItemFailures");
                foreach (int index in failedMessages.Order())
                {
                    json.WriteStartObject();
                    json.WriteString("itemIdentifier", parsed.Messages[index].SqsMessageId);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static TimeSpan Clamp(TimeSpan remaining) => remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;

    private static string StatusId(ObjectState state) => state switch
    {
        ObjectState.Done => "ok",
        ObjectState.Failed => "failed",
        ObjectState.Skipped => "skipped",
        ObjectState.Retry => "retry",
        _ => "pending",
    };

    private enum ObjectState
    {
        Pending,
        Done,
        Failed,
        Skipped,
        Retry,
    }

    private sealed class WorkItem(int messageIndex, string? messageId, S3ObjectRef o)
    {
        public int MessageIndex { get; } = messageIndex;
        public string? MessageId { get; } = messageId;
        public S3ObjectRef Object { get; } = o;
        public string? LoadBalancer { get; set; }
        public ObjectState State { get; set; } = ObjectState.Pending;
        public string? Reason { get; set; }
        public string? ETag { get; set; }
        public long? RawBytes { get; set; }
        public ObjectAnalysis? Analysis { get; set; }
    }
}

/// <summary>Objects of a direct (non-SQS) event could not be read: the invocation fails so the platform retries it.</summary>
internal sealed class ObjectsNotReadException : Exception
{
    public ObjectsNotReadException(string message) : base(message) { }

    public ObjectsNotReadException() { }

    public ObjectsNotReadException(string message, Exception innerException) : base(message, innerException) { }
}
