namespace AlbLogLambda.Core.Batch;

/// <summary>The outcome of a batch, as typed results: per object, per load balancer, and what must be retried.</summary>
/// <param name="Objects">Every object of the batch, in the order the event named them.</param>
/// <param name="Summaries">One per load balancer whose objects made it into a summary, in load-balancer order.</param>
/// <param name="MessagesToRetry">
/// The units to retry (for SQS, the batch item failures), in batch order. Empty when
/// <see cref="WholeBatchRetryReason"/> is set.
/// </param>
/// <param name="WholeBatchRetryReason">
/// Set when the batch cannot report partial failures and something must be retried: the caller fails the invocation,
/// so that the platform's retry produces the one complete summary.
/// </param>
public sealed record BatchResult(
    IReadOnlyList<ObjectResult> Objects,
    IReadOnlyList<SummaryResult> Summaries,
    IReadOnlyList<BatchMessage> MessagesToRetry,
    string? WholeBatchRetryReason)
{
    /// <summary>True when the object will come back: its own read failed for now, or its unit is retried.</summary>
    public bool IsRetried(ObjectResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == BatchObjectStatus.Retry
            || (result.Status != BatchObjectStatus.Skipped && MessagesToRetry.Any(m => ReferenceEquals(m, result.Message)));
    }
}
