namespace AlbLogLambda.Core.Evidence;

/// <summary>The evidence for one target group the logs named.</summary>
/// <param name="TargetGroupArn">The target group, as the log names it.</param>
/// <param name="Metrics">The load balancer's metrics for this target group (dimensions TargetGroup and LoadBalancer).</param>
/// <param name="Configuration">Protocol, target type and name.</param>
/// <param name="DeregistrationDelaySeconds">deregistration_delay.timeout_seconds (Lambda target groups have none: not asked).</param>
/// <param name="LambdaFunction">For a Lambda target group: its function and the function's metrics; not asked otherwise.</param>
public sealed record TargetGroupEvidence(
    string TargetGroupArn,
    EvidencePart<MetricReadings> Metrics,
    EvidencePart<TargetGroupConfiguration> Configuration,
    EvidencePart<int> DeregistrationDelaySeconds,
    EvidencePart<LambdaFunctionEvidence> LambdaFunction)
{
    /// <summary>The metric dimension value: the ARN's resource part, <c>targetgroup/name/id</c>; null when the ARN has none.</summary>
    public string? DimensionValue => TargetGroupArns.DimensionValue(TargetGroupArn);
}
