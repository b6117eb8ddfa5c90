using System.Net;

namespace AlbLogLambda.Aws;

/// <summary>An AWS query-API call failed after the client's own retries.</summary>
internal sealed class AwsQueryException : Exception
{
    public AwsQueryException() { }

    public AwsQueryException(string message) : base(message) { }

    public AwsQueryException(string message, Exception innerException) : base(message, innerException) { }

    public AwsQueryException(string message, bool denied, string? errorCode, string? errorMessage, HttpStatusCode? statusCode, int attempts, Exception? innerException)
        : base(message, innerException)
    {
        Denied = denied;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>The last failure was transient (5xx, throttling, timeout, connection failure): the same call may succeed later.</summary>
    public bool Transient { get; init; }

    /// <summary>AWS refused the caller: missing permission or credentials it does not accept (403, AccessDenied, …).</summary>
    public bool Denied { get; }

    /// <summary>The service's error code (<c>Error/Code</c>), or a local one: Timeout, ConnectionFailure, CredentialsUnavailable.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's error message, or the local failure's description.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The HTTP status of the last response; null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How many requests were sent.</summary>
    public int Attempts { get; }
}
