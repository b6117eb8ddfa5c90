using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Batch;

/// <summary>What a batch did with one load balancer's summary.</summary>
/// <param name="Summary">The summary.</param>
/// <param name="Delivery">Published, shown, below the threshold, or failed.</param>
/// <param name="Receipt">The publisher's receipt, when it accepted the summary.</param>
/// <param name="Error">Why publishing failed.</param>
public sealed record SummaryResult(LoadBalancerSummary Summary, SummaryDelivery Delivery, PublishReceipt? Receipt, string? Error)
{
    public string LoadBalancer => Summary.LoadBalancer;

    public AnalysisReport Report => Summary.Report;
}
