using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Observability;

/// <summary>Turns the batch's progress into structured log lines, as each object settles.</summary>
internal sealed class FunctionLogObserver(FunctionLog log) : IBatchObserver
{
    public void MessageSkipped(BatchMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        log.Write("skipped-message", w =>
        {
            if (message.Id is not null) w.WriteString("messageId", message.Id);
            w.WriteString("reason", message.SkipReason);
        });
    }

    public void ObjectSettled(ObjectResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Outcome;
        log.Write("object", w =>
        {
            w.WriteString("bucket", result.LogObject.Bucket);
            w.WriteString("key", result.LogObject.Key);
            // The SQS message that brought the object: what an operator looks for in the dead-letter queue.
            if (result.Message.Id is not null) w.WriteString("messageId", result.Message.Id);
            w.WriteString("status", BatchObjectStatusNames.Of(result.Status));
            if (result.Reason is not null) w.WriteString("reason", result.Reason);
            if (result.RawBytes is { } bytes) w.WriteNumber("bytes", bytes);
            if (outcome is not null)
            {
                w.WriteNumber("decodedBytes", outcome.DecodedBytes);
                w.WriteNumber("entries", outcome.Entries);
                w.WriteNumber("malformed", outcome.Malformed);
                w.WriteNumber("http502LoadBalancer", outcome.Http502LoadBalancer);
                w.WriteNumber("http502Target", outcome.Http502Target);
            }
            w.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 1));
        }, result.Status is BatchObjectStatus.Retry or BatchObjectStatus.Failed ? "WARN" : "INFO");
    }

    public void PublishFailed(LoadBalancerSummary summary, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(failure);
        log.Write("publish-failed", w =>
        {
            w.WriteString("loadBalancer", summary.LoadBalancer);
            w.WriteString("error", failure.Message);
        }, "ERROR");
    }

    public void LedgerUnavailable(LoadBalancerSummary summary, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(failure);
        log.Write("ledger-unavailable", w =>
        {
            w.WriteString("loadBalancer", summary.LoadBalancer);
            w.WriteString("identity", summary.Identity);
            w.WriteString("error", failure.Message);
        }, "WARN");
    }

    public void EvidenceUnavailable(LoadBalancerSummary summary, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(failure);
        log.Write("evidence-unavailable", w =>
        {
            w.WriteString("loadBalancer", summary.LoadBalancer);
            w.WriteString("error", failure.Message);
        }, "WARN");
    }
}
