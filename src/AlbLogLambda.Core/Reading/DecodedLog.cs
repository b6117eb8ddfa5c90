namespace AlbLogLambda.Core.Reading;

/// <summary>The decoded text of one object, and how many raw bytes it took.</summary>
public sealed class DecodedLog(Stream text, Func<long> rawBytesRead) : IDisposable
{
    public Stream Text { get; } = text;

    /// <summary>Raw (compressed, for gzip) bytes read from the object so far.</summary>
    public long RawBytesRead => rawBytesRead();

    public void Dispose() => Text.Dispose();
}
