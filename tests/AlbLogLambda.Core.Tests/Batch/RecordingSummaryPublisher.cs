using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Core.Tests.Batch;

/// <summary>Records summaries; can be told to fail for some load balancers.</summary>
internal sealed class RecordingSummaryPublisher : ISummaryPublisher
{
    public List<LoadBalancerSummary> Published { get; } = [];

    public HashSet<string> FailFor { get; } = new(StringComparer.Ordinal);

    public Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        if (FailFor.Contains(summary.LoadBalancer)) throw new InvalidOperationException($"publishing to {summary.LoadBalancer} failed");
        lock (Published) Published.Add(summary);
        return Task.FromResult(new PublishReceipt("m-" + Published.Count, 1, DryRun: false));
    }
}
