using System.Net;

namespace AlbLogLambda.Core.Batch;

/// <summary>
/// A log object could not be opened or read. <see cref="Retryable"/> is false only when the object does not exist
/// (NoSuchKey, NoSuchBucket): everything else (throttling, 5xx, timeouts, network, AccessDenied, KMS) may succeed on a
/// redrive once the cause is gone.
/// </summary>
public sealed class LogObjectException : Exception
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
