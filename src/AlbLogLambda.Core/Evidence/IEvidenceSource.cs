namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// Where the evidence that confirms or contradicts a cause comes from: the load balancer's own metrics and
/// configuration, gathered once per load balancer over the analyzed window.
/// </summary>
/// <remarks>
/// An implementation never throws: a part it could not get (no permission, an API error, the time budget spent) is
/// returned as unavailable with the reason, so that evidence can never fail a run.
/// </remarks>
public interface IEvidenceSource
{
    Task<LoadBalancerEvidence> GatherAsync(EvidenceRequest request, CancellationToken cancellationToken);
}
