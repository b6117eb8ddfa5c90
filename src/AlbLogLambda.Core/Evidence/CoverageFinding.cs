namespace AlbLogLambda.Core.Evidence;

/// <summary>How the 502s in the logs compare with the ones CloudWatch counted over the same minutes.</summary>
public enum CoverageFinding
{
    /// <summary>The logs hold about what CloudWatch counted (or, for targets, no more than their 5xx).</summary>
    Consistent,

    /// <summary>CloudWatch counted clearly more: log objects are missing or not yet delivered (logging is best effort).</summary>
    LogsIncomplete,

    /// <summary>The logs hold more than CloudWatch counted: the metric lags, or the logs are of another load balancer or time.</summary>
    LogsExceedMetric,

    /// <summary>The metric could not be had.</summary>
    Unavailable,
}
