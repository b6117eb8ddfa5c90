namespace AlbLogLambda.Core.Batch;

/// <summary>Where summaries go: SNS in the function, the log in a dry run, a terminal in the CLI.</summary>
public interface ISummaryPublisher
{
    /// <summary>Publishes one summary; throws when it could not be delivered after the publisher's own retries.</summary>
    Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken);
}
