namespace AlbLogLambda.CloudWatch;

/// <summary>One metric asked of GetMetricData: which metric, with which dimensions, at which period and statistic.</summary>
/// <param name="Id">The query id (a lower-case letter, then letters, digits, underscores), unique in the call.</param>
/// <param name="Namespace">E.g. AWS/ApplicationELB.</param>
/// <param name="MetricName">E.g. TargetConnectionErrorCount.</param>
/// <param name="Dimensions">Name and value of each dimension, in the order the metric is published with.</param>
/// <param name="PeriodSeconds">The data point length, a multiple of 60.</param>
/// <param name="Stat">Sum, Maximum, …</param>
internal sealed record MetricDataQuery(
    string Id,
    string Namespace,
    string MetricName,
    IReadOnlyList<KeyValuePair<string, string>> Dimensions,
    int PeriodSeconds,
    string Stat);
