using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Cli.Commands;

/// <summary>A replay's dry run: summaries are counted and their subjects printed by the caller, nothing is sent.</summary>
internal sealed class UnsentSummaryPublisher : ISummaryPublisher
{
    public Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken) =>
        Task.FromResult(PublishReceipt.NotSent);
}
