namespace AlbLogLambda.Core.Evidence;

/// <summary>The function behind a Lambda target group, and its own metrics over the window.</summary>
/// <param name="FunctionArn">The registered target (from <c>DescribeTargetHealth</c>), possibly with a version or alias.</param>
/// <param name="Metrics">Throttles and Errors (sums) and Duration (maximum, in milliseconds), or why they are missing.</param>
public sealed record LambdaFunctionEvidence(string FunctionArn, EvidencePart<MetricReadings> Metrics);
