using System.Net;

namespace AlbLogLambda.Aws;

/// <summary>Why a log object could not be opened or read.</summary>
internal enum LogObjectFailure
{
    /// <summary>Any other error (wrong region, bad request, client configuration).</summary>
    Other,

    /// <summary>NoSuchKey or NoSuchBucket: the object is not there, and will not appear by retrying.</summary>
    NotFound,

    /// <summary>AccessDenied and other authorization errors: an operator fixes the policy and redrives.</summary>
    AccessDenied,

    /// <summary>A KMS error decrypting the object (key disabled, no kms:Decrypt, KMS throttling).</summary>
    Kms,

    /// <summary>S3 asked to slow down (SlowDown, 503, throttling codes).</summary>
    Throttled,

    /// <summary>S3 answered 5xx.</summary>
    ServiceError,

    /// <summary>No answer, or a stalled body, within the configured timeouts.</summary>
    Timeout,

    /// <summary>The connection failed or broke.</summary>
    Network,
}

/// <summary>
/// A log object could not be opened or read. <see cref="Retryable"/> is false only when the object does not exist
/// (NoSuchKey, NoSuchBucket): everything else (throttling, 5xx, timeouts, network, AccessDenied, KMS) may succeed on a
/// redrive once the cause is gone.
/// </summary>
internal sealed class LogObjectException : Exception
{
    public LogObjectException() { }

    public LogObjectException(string message) : base(message) { }

    public LogObjectException(string message, Exception innerException) : base(message, innerException) { }

    public LogObjectException(
        string bucket,
        string key,
        LogObjectFailure failure,
        string reason,
        string? errorCode = null,
        HttpStatusCode? statusCode = null,
        Exception? innerException = null)
        : base($"s3://{bucket}/{key}: {failure}{(errorCode is null ? string.Empty : $" ({errorCode})")}: {reason}", innerException)
    {
        Bucket = bucket;
        Key = key;
        Failure = failure;
        Reason = reason;
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public string? Bucket { get; }

    public string? Key { get; }

    public LogObjectFailure Failure { get; }

    /// <summary>False only for <see cref="LogObjectFailure.NotFound"/>.</summary>
    public bool Retryable => Failure != LogObjectFailure.NotFound;

    /// <summary>A human-readable reason (S3's error message or the local failure).</summary>
    public string? Reason { get; }

    /// <summary>S3's error code (NoSuchKey, AccessDenied, SlowDown, KMS.DisabledException, …), if S3 answered.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status of S3's answer, if it answered.</summary>
    public HttpStatusCode? StatusCode { get; }
}
