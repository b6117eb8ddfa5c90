namespace AlbLogLambda.Core.Batch;

/// <summary>What became of one load balancer's summary.</summary>
public enum SummaryDelivery
{
    /// <summary>The publisher delivered it.</summary>
    Published,

    /// <summary>The publisher only showed it (no topic configured, or a replay without --publish).</summary>
    DryRun,

    /// <summary>The same summary was published before (a retried or redelivered batch): not sent again.</summary>
    AlreadyPublished,

    /// <summary>Fewer 502s than the threshold: not published.</summary>
    BelowThreshold,

    /// <summary>Publishing failed; its units are retried (SQS) or the whole batch is (direct events).</summary>
    Failed,
}
