using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Batch;

/// <summary>One load balancer's summary of a batch: what a publisher turns into one message.</summary>
/// <param name="LoadBalancer">The load balancer (<c>app/name/id</c>).</param>
/// <param name="Report">The analysis of its objects in this batch.</param>
/// <param name="Objects">The objects the summary covers, with the entity tags they were read at.</param>
/// <param name="ObjectsToRetry">Objects of this load balancer left out because they will be retried.</param>
public sealed record LoadBalancerSummary(string LoadBalancer, AnalysisReport Report, IReadOnlyList<LogObjectRef> Objects, int ObjectsToRetry);
