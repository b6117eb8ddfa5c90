using System.Net;

namespace AlbLogLambda.Sns;

/// <summary>
/// SNS Publish failed after the publisher's own retries. <see cref="Retryable"/> tells whether the failure was transient
/// (5xx, throttling, timeout, connection failure: the same request may succeed later) or permanent (a 4xx such as
/// AuthorizationError, NotFound or InvalidParameter: the request or the setup must change first).
/// </summary>
internal sealed class SnsPublishException : Exception
{
    public SnsPublishException() { }

    public SnsPublishException(string message) : base(message) { }

    public SnsPublishException(string message, Exception innerException) : base(message, innerException) { }

    public SnsPublishException(
        string message,
        bool retryable,
        string? errorCode,
        string? errorMessage,
        HttpStatusCode? statusCode,
        int attempts,
        Exception? innerException)
        : base(message, innerException)
    {
        Retryable = retryable;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>True for a transient failure (worth redriving), false for a permanent one.</summary>
    public bool Retryable { get; }

    /// <summary>SNS's error code (<c>Error/Code</c>, e.g. AuthorizationError, Throttling), or a local one: Timeout, ConnectionFailure, InvalidResponse.</summary>
    public string? ErrorCode { get; }

    /// <summary>SNS's error message (<c>Error/Message</c>), or the local failure's description.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The HTTP status of the last response; null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How many requests were sent.</summary>
    public int Attempts { get; }
}
