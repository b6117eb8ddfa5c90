namespace AlbLogLambda.Core.Batch;

/// <summary>Where log objects come from: S3 in the function, the bucket listing in a replay, memory in tests.</summary>
public interface ILogObjectSource
{
    /// <summary>Opens <paramref name="logObject"/> for streaming.</summary>
    /// <exception cref="LogObjectException">
    /// The object cannot be read; <see cref="LogObjectException.Retryable"/> says whether a retry may help.
    /// </exception>
    Task<OpenedLogObject> OpenAsync(LogObjectRef logObject, CancellationToken cancellationToken);
}
