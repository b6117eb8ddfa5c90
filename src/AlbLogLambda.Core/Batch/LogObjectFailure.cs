namespace AlbLogLambda.Core.Batch;

/// <summary>Why a log object could not be opened or read.</summary>
public enum LogObjectFailure
{
    /// <summary>Any other error (wrong region, bad request, client configuration).</summary>
    Other,

    /// <summary>NoSuchKey or NoSuchBucket: the object is not there, and will not appear by retrying.</summary>
    NotFound,

    /// <summary>AccessDenied and other authorization errors: an operator fixes the policy and redrives.</summary>
    AccessDenied,

    /// <summary>A KMS error decrypting the object (key disabled, no kms:Decrypt, KMS throttling).</summary>
    Kms,

    /// <summary>The store asked to slow down (S3: SlowDown, 503, throttling codes).</summary>
    Throttled,

    /// <summary>The store answered with a server error (5xx).</summary>
    ServiceError,

    /// <summary>No answer, or a stalled body, within the configured timeouts.</summary>
    Timeout,

    /// <summary>The connection failed or broke.</summary>
    Network,
}
