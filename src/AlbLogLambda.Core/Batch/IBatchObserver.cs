namespace AlbLogLambda.Core.Batch;

/// <summary>
/// Hears of a batch's progress as it happens (the function turns it into structured log lines), so that an operator
/// sees each object's fate even if the process is stopped before the batch answers.
/// </summary>
public interface IBatchObserver
{
    /// <summary>A unit had nothing to do (<see cref="BatchMessage.SkipReason"/>).</summary>
    void MessageSkipped(BatchMessage message);

    /// <summary>An object is settled: read, failed, skipped, or left for a retry.</summary>
    void ObjectSettled(ObjectResult result);

    /// <summary>A summary could not be published.</summary>
    void PublishFailed(LoadBalancerSummary summary, Exception failure);

    /// <summary>
    /// The publication ledger could not be asked or written: the summary is published anyway (a possible duplicate
    /// page is better than a lost one).
    /// </summary>
    void LedgerUnavailable(LoadBalancerSummary summary, Exception failure);

    /// <summary>Evidence could not be gathered at all (a broken source): the summary is published without it.</summary>
    void EvidenceUnavailable(LoadBalancerSummary summary, Exception failure);
}
