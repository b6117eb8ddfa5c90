namespace AlbLogLambda.Core.Evidence;

/// <summary>Everything gathered for one load balancer over one window; each part is a value or why it is missing.</summary>
/// <param name="LoadBalancerId">The load balancer, <c>app/name/id</c>.</param>
/// <param name="Window">The whole minutes the metrics cover.</param>
/// <param name="Metrics">The load balancer's metrics (dimension LoadBalancer), summed over the window.</param>
/// <param name="IdleTimeoutSeconds">idle_timeout.timeout_seconds.</param>
/// <param name="TargetGroups">One per target group of the request, in its order.</param>
public sealed record LoadBalancerEvidence(
    string LoadBalancerId,
    EvidenceWindow Window,
    EvidencePart<MetricReadings> Metrics,
    EvidencePart<int> IdleTimeoutSeconds,
    IReadOnlyList<TargetGroupEvidence> TargetGroups)
{
    /// <summary>The evidence of a target group, by ARN; null when the request did not name it.</summary>
    public TargetGroupEvidence? TargetGroup(string targetGroupArn) =>
        TargetGroups.FirstOrDefault(t => string.Equals(t.TargetGroupArn, targetGroupArn, StringComparison.Ordinal));

    /// <summary>Evidence in which every part is missing for the same reason (the source could not start at all).</summary>
    public static LoadBalancerEvidence AllUnavailable(EvidenceRequest request, Unavailable missing)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(missing);
        return new LoadBalancerEvidence(
            request.LoadBalancerId,
            request.Window,
            EvidencePart<MetricReadings>.Unavailable(missing),
            EvidencePart<int>.Unavailable(missing),
            [.. request.TargetGroupArns.Distinct(StringComparer.Ordinal).Select(arn => new TargetGroupEvidence(
                arn,
                EvidencePart<MetricReadings>.Unavailable(missing),
                EvidencePart<TargetGroupConfiguration>.Unavailable(missing),
                EvidencePart<int>.Unavailable(missing),
                EvidencePart<LambdaFunctionEvidence>.Unavailable(missing)))]);
    }
}
