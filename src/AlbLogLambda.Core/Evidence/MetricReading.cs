namespace AlbLogLambda.Core.Evidence;

/// <summary>One metric over the window.</summary>
/// <param name="Name">The metric name, e.g. TargetConnectionErrorCount.</param>
/// <param name="Value">The sum of its data points (the maximum for Duration); 0 without data points.</param>
/// <param name="DataPoints">How many one-period data points CloudWatch returned.</param>
public sealed record MetricReading(string Name, double Value, int DataPoints);
