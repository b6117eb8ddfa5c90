namespace AlbLogLambda.Core.Classification;

/// <summary>
/// What one documented error_reason code means, the load balancer metric it increments (empty when AWS names
/// none), and what to do about it.
/// </summary>
public sealed record ErrorReasonInfo(string Code, string Meaning, string Metric, string Remedy);
