namespace AlbLogLambda.Core.Evidence;

/// <summary>One metric a verdict looked at, with its value over the window, or why it is missing.</summary>
/// <param name="Name">The metric name, e.g. TargetConnectionErrorCount.</param>
/// <param name="Value">The value (a count, or milliseconds for Duration); null when missing.</param>
/// <param name="Missing">Why the value is missing; null when it is available.</param>
public sealed record ConsultedMetric(string Name, double? Value, Unavailable? Missing);
