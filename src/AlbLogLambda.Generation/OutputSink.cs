using System.IO.Compression;

namespace AlbLogLambda.Generation;

/// <summary>
/// Where formatted chunks go: straight to the output, into the current gzip member (one independent
/// <see cref="GZipStream"/> per member, concatenated), or nowhere (statistics only).
/// </summary>
internal sealed class OutputSink : IDisposable
{
    private readonly Stream? _output;
    private readonly CompressionLevel? _level;
    private readonly List<long> _memberLengths = [];
    private GZipStream? _member;
    private long _memberStart;
    private long _compressedBytes;

    private OutputSink(Stream? output, CompressionLevel? level)
    {
        _output = output;
        _level = level;
    }

    public static OutputSink Plain(Stream output) => new(output, null);

    public static OutputSink Gzip(Stream output, CompressionLevel level) => new(output, level);

    public static OutputSink Discard() => new(null, null);

    public IReadOnlyList<long> MemberLengths => _memberLengths;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty || _output is null)
        {
            return;
        }
        if (_level is not { } level)
        {
            _output.Write(chunk);
            return;
        }
        if (_member is null)
        {
            _memberStart = _compressedBytes;
            _member = new GZipStream(new CountingStream(_output, this), level, leaveOpen: false);
        }
        _member.Write(chunk);
    }

    /// <summary>Closes the current gzip member, if one is open; the next write starts a new one.</summary>
    public void EndMember()
    {
        if (_member is null)
        {
            return;
        }
        _member.Dispose();
        _member = null;
        _memberLengths.Add(_compressedBytes - _memberStart);
    }

    /// <summary>Releases an unfinished member (after a failure); finished members are already complete.</summary>
    public void Dispose()
    {
        _member?.Dispose();
        _member = null;
    }

    /// <summary>
    /// Passes one member's bytes through, counting them, and sets the member header's OS byte to 3 (Unix)
    /// whatever the platform, so the output does not depend on where it was generated. Disposing it
    /// leaves the caller's stream open.
    /// </summary>
    private sealed class CountingStream(Stream inner, OutputSink owner) : Stream
    {
        private const int OsByteOffset = 9;
        private const byte UnixOs = 3;
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written <= OsByteOffset && _written + buffer.Length > OsByteOffset
                && buffer[(int)(OsByteOffset - _written)] != UnixOs)
            {
                byte[] patched = buffer.ToArray();
                patched[OsByteOffset - _written] = UnixOs;
                inner.Write(patched);
            }
            else
            {
                inner.Write(buffer);
            }
            _written += buffer.Length;
            owner._compressedBytes += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
