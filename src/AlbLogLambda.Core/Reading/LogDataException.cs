namespace AlbLogLambda.Core.Reading;

/// <summary>
/// The bytes of a log object cannot be read as a log: corrupt or truncated gzip, binary data.
/// Permanent for that object: reading it again gives the same answer.
/// </summary>
public sealed class LogDataException : IOException
{
    public LogDataException(string message) : base(message) { }

    public LogDataException(string message, Exception innerException) : base(message, innerException) { }

    public LogDataException() { }
}
