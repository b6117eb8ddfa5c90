using System.Net;

namespace AlbLogLambda.Aws;

/// <summary>
/// When an AWS query-API call is worth repeating, and how long to wait first: shared by the SNS publisher and the
/// evidence clients so that they classify failures alike.
/// </summary>
internal static class AwsRetryPolicy
{
    /// <summary>Error codes that mean "slow down" (SNS's own and the SDKs' common throttling codes).</summary>
    private static readonly HashSet<string> s_throttlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "KMSThrottling",
        "EC2ThrottledException", "BandwidthLimitExceeded", "TransactionInProgressException",
    };

    /// <summary>4xx error codes that are transient all the same (a server-side timeout, a lagging KMS key).</summary>
    private static readonly HashSet<string> s_transientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    /// <summary>True for an error code that means "slow down": the one list every AWS adapter here uses.</summary>
    public static bool IsThrottling(string? code) => code is not null && s_throttlingCodes.Contains(code);

    /// <summary>True for a response worth repeating: 5xx, 429, 408, or a throttling or transient error code.</summary>
    public static bool IsTransient(HttpStatusCode status, string? code) =>
        (int)status >= 500
        || status == HttpStatusCode.TooManyRequests
        || status == HttpStatusCode.RequestTimeout
        || (code is not null && (s_throttlingCodes.Contains(code) || s_transientCodes.Contains(code)));

    /// <summary>Exponential backoff with "equal jitter": half the capped delay, plus a random part of the other half.</summary>
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="baseDelay">The delay after the first attempt (before jitter).</param>
    /// <param name="maxDelay">The cap of one delay.</param>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
