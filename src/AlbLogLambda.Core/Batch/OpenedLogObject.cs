namespace AlbLogLambda.Core.Batch;

/// <summary>
/// An opened log object. <see cref="Content"/> is the raw object bytes as they arrive (still gzip-compressed: ALB log
/// objects carry no Content-Encoding), never held whole in memory. Dispose to release the connection.
/// </summary>
public sealed class OpenedLogObject : IAsyncDisposable
{
    private readonly IDisposable? _owner;

    /// <param name="content">The object's byte stream.</param>
    /// <param name="eTag">The entity tag; surrounding quotes are removed.</param>
    /// <param name="contentLength">The object size in bytes, if known.</param>
    /// <param name="owner">Disposed after <paramref name="content"/> (e.g. the SDK response that owns the stream).</param>
    public OpenedLogObject(Stream content, string? eTag, long? contentLength, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        ETag = EntityTag.Unquote(eTag);
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
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }
}
