namespace AlbLogLambda.Aws;

/// <summary>Opens a log object for streaming: S3 in the function, files in the CLI.</summary>
internal interface ILogObjectSource
{
    /// <summary>Opens <paramref name="bucket"/>/<paramref name="key"/> (the key as S3 names it, already URL-decoded).</summary>
    /// <exception cref="LogObjectException">The object cannot be read; <see cref="LogObjectException.Retryable"/> says whether a redrive may help.</exception>
    Task<LogObject> OpenAsync(string bucket, string key, CancellationToken cancellationToken);
}

/// <summary>
/// An opened log object. <see cref="Content"/> is the raw object bytes as they arrive (still gzip-compressed: ALB log
/// objects carry no Content-Encoding): not buffered, never held whole in memory. Dispose to release the connection.
/// </summary>
internal sealed class LogObject : IAsyncDisposable
{
    private readonly IDisposable? _owner;

    /// <param name="content">The object's byte stream.</param>
    /// <param name="eTag">The entity tag; surrounding quotes are removed.</param>
    /// <param name="contentLength">The object size in bytes, if known.</param>
    /// <param name="owner">Disposed after <paramref name="content"/> (e.g. the SDK response that owns the stream).</param>
    public LogObject(Stream content, string? eTag, long? contentLength, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        ETag = string.IsNullOrEmpty(eTag) ? null : eTag.Trim('"');
        ContentLength = contentLength;
        _owner = owner;
    }

    /// <summary>The raw object bytes, read once from start to end.</summary>
    public Stream Content { get; }

    /// <summary>The entity tag without quotes (for a single-part upload, the hex MD5 of the object).</summary>
    public string? ETag { get; }

    /// <summary>The object size in bytes, if the source knows it.</summary>
    public long? ContentLength { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        _owner?.Dispose();
    }
}
