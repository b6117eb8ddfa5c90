namespace AlbLogLambda;

/// <summary>
/// A direct (non-SQS) invocation could not complete: objects could not be read, or a summary could not be published.
/// The invocation fails so that the platform retries it whole.
/// </summary>
public sealed class BatchNotCompletedException : Exception
{
    public BatchNotCompletedException(string message) : base(message) { }

    public BatchNotCompletedException() { }

    public BatchNotCompletedException(string message, Exception innerException) : base(message, innerException) { }
}
