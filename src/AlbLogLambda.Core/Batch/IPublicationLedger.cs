namespace AlbLogLambda.Core.Batch;

/// <summary>
/// Remembers which summaries were published, across retries and redeliveries (longer than a FIFO topic's five-minute
/// deduplication window), so that one summary pages once. The batch asks before publishing and records after, so a
/// crash in between costs at most one duplicate page, never a lost one.
/// </summary>
public interface IPublicationLedger
{
    /// <summary>True when a summary with <paramref name="identity"/> (<see cref="LoadBalancerSummary.Identity"/>) was published.</summary>
    Task<bool> ContainsAsync(string identity, CancellationToken cancellationToken);

    /// <summary>Records that the summary with <paramref name="identity"/> was published (a second record is harmless).</summary>
    Task RecordAsync(string identity, CancellationToken cancellationToken);
}
