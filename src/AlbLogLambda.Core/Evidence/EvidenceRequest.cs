namespace AlbLogLambda.Core.Evidence;

/// <summary>What to gather for one load balancer: its id, the target groups its logs named, the time they cover.</summary>
/// <param name="LoadBalancerId">The load balancer as the access log names it: <c>app/name/id</c>.</param>
/// <param name="TargetGroupArns">The target group ARNs seen in the logs (duplicates are ignored).</param>
/// <param name="FirstEntry">The time of the first entry analyzed.</param>
/// <param name="LastEntry">The time of the last entry analyzed.</param>
/// <param name="Region">The load balancer's region (from the log object key), e.g. eu-west-1.</param>
public sealed record EvidenceRequest(
    string LoadBalancerId,
    IReadOnlyList<string> TargetGroupArns,
    DateTimeOffset FirstEntry,
    DateTimeOffset LastEntry,
    string Region)
{
    /// <summary>
    /// The account that owns the load balancer (from the log object key); null to take it from a target group ARN.
    /// Needed for the load balancer's ARN, which its configuration is asked by.
    /// </summary>
    public string? AccountId { get; init; }

    /// <summary>The window the metrics are summed over: the entries' times rounded out to whole minutes.</summary>
    public EvidenceWindow Window => EvidenceWindow.RoundOut(FirstEntry, LastEntry);
}
