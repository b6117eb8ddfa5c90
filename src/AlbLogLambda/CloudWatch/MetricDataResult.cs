namespace AlbLogLambda.CloudWatch;

/// <summary>What GetMetricData returned for one query: its data points' values (every page together).</summary>
/// <param name="Id">The query id.</param>
/// <param name="Values">One value per data point; empty when the metric has none in the window.</param>
/// <param name="StatusCode">Complete, PartialData (more pages were not read) or InternalError.</param>
internal sealed record MetricDataResult(string Id, IReadOnlyList<double> Values, string StatusCode);
