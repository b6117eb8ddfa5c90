namespace AlbLogLambda.Core.Reading;

/// <summary>
/// Turns the raw bytes of an object into its decoded text stream. Gzip is recognised by its magic
/// bytes, never by the name: ALB objects carry no Content-Encoding, and users rename files.
/// </summary>
public static class LogStreamOpener
{
    public static DecodedLog Open(Stream raw, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var head = new byte[2];
        int got = 0;
        while (got < head.Length)
        {
            int n = raw.Read(head, got, head.Length - got);
            if (n == 0) break;
            got += n;
        }
        var replayed = new PrefixedStream(head.AsMemory(0, got), raw, leaveOpen);
        if (got == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            var gzip = new GzipIntegrityStream(replayed);
            return new DecodedLog(gzip, () => gzip.CompressedBytes);
        }
        return new DecodedLog(replayed, () => replayed.BytesRead);
    }
}

/// <summary>Replays bytes already read from a stream, then continues with the stream.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner, bool leaveOpen) : ReadOnlyStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        int n = 0;
        if (!_prefix.IsEmpty)
        {
            n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
        }
        if (n < buffer.Length)
        {
            n += inner.Read(buffer[n..]);
        }
        BytesRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) inner.Dispose();
        base.Dispose(disposing);
    }
}
