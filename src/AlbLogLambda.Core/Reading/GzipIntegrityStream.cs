using System.IO.Compression;
using System.Security.Cryptography;

namespace AlbLogLambda.Core.Reading;

/// <summary>
/// Decodes gzip (every concatenated member) and proves the input was complete.
/// </summary>
/// <remarks>
/// On .NET 10, <see cref="GZipStream"/> reports input that stops inside a member (or before its
/// trailer) as a clean end of stream. zlib itself checks each member's CRC-32 and ISIZE, so the only
/// blind spot is "the input ended before the current member did". To close it, a tiny complete
/// gzip member holding a random nonce is appended after the real input. If the real input ended on a
/// member boundary, the decoder decodes the sentinel member and the output ends with the nonce. If
/// it ended inside a member, the sentinel's bytes are read as the rest of that member: the decoder
/// then fails (bad data, CRC mismatch) or stops early, and the nonce does not come out. The check
/// costs one 16-byte compare per object and leaves decoding at zlib-ng speed.
/// </remarks>
public sealed class GzipIntegrityStream : ReadOnlyStream
{
    private const int NonceLength = 16;

    private readonly GZipStream _gzip;
    private readonly SentinelAppendingStream _compressed;
    private readonly byte[] _nonce;
    private readonly byte[] _heldBack = new byte[NonceLength];
    private int _heldBackCount;
    private bool _verified;
    private byte[]? _smallRead;
    private int _smallReadOffset;
    private int _smallReadCount;

    public GzipIntegrityStream(Stream compressed, bool leaveOpen = false)
    {
        _nonce = RandomNumberGenerator.GetBytes(NonceLength);
        _compressed = new SentinelAppendingStream(compressed, CompressSentinel(_nonce), leaveOpen);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: false);
    }

    /// <summary>Decoded bytes delivered so far (the sentinel excluded).</summary>
    public long DecodedBytes { get; private set; }

    /// <summary>Compressed bytes read from the input so far (the sentinel excluded).</summary>
    public long CompressedBytes => _compressed.InnerBytesRead;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_smallReadCount > 0) return TakeSmallRead(buffer);
        if (buffer.Length > NonceLength) return ReadVerified(buffer);

        // A buffer too small to hold back the sentinel's length: decode into a scratch buffer and serve from it.
        _smallRead ??= new byte[4096];
        _smallReadOffset = 0;
        _smallReadCount = ReadVerified(_smallRead);
        return _smallReadCount == 0 ? 0 : TakeSmallRead(buffer);
    }

    private int TakeSmallRead(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _smallReadCount);
        _smallRead.AsSpan(_smallReadOffset, n).CopyTo(buffer);
        _smallReadOffset += n;
        _smallReadCount -= n;
        return n;
    }

    private int ReadVerified(Span<byte> buffer)
    {
        if (_verified) return 0;
        while (true)
        {
            // The last NonceLength decoded bytes may be the sentinel: hold them back until more
            // output (or the end of the stream) shows what they are.
            _heldBack.AsSpan(0, _heldBackCount).CopyTo(buffer);
            int read;
            try
            {
                read = _gzip.Read(buffer[_heldBackCount..]);
            }
            catch (InvalidDataException e)
            {
                throw new LogDataException($"gzip data is corrupt or truncated after {DecodedBytes:N0} decoded bytes ({e.Message})", e);
            }
            if (read == 0)
            {
                if (_heldBackCount != NonceLength || !buffer[..NonceLength].SequenceEqual(_nonce))
                {
                    // The count is of the bytes delivered, the object's decodedBytes: the held-back tail is never
                    // delivered (it may be the sentinel), so counting it here would disagree by up to 16 bytes.
                    throw new LogDataException($"gzip data is truncated: the input ended inside a gzip member after {DecodedBytes:N0} decoded bytes");
                }
                _verified = true;
                return 0;
            }
            int available = _heldBackCount + read;
            int deliver = available - NonceLength;
            if (deliver <= 0)
            {
                buffer[..available].CopyTo(_heldBack);
                _heldBackCount = available;
                continue;
            }
            buffer.Slice(deliver, NonceLength).CopyTo(_heldBack);
            _heldBackCount = NonceLength;
            DecodedBytes += deliver;
            return deliver;
        }
    }


    private static byte[] CompressSentinel(byte[] nonce)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(nonce);
        }
        return output.ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The compressed input, then the sentinel member.</summary>
    private sealed class SentinelAppendingStream(Stream inner, byte[] sentinel, bool leaveOpen) : ReadOnlyStream
    {
        private int _sentinelOffset = -1;

        public long InnerBytesRead { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (_sentinelOffset < 0)
            {
                int n = inner.Read(buffer);
                if (n > 0)
                {
                    InnerBytesRead += n;
                    return n;
                }
                _sentinelOffset = 0;
            }
            int count = Math.Min(buffer.Length, sentinel.Length - _sentinelOffset);
            sentinel.AsSpan(_sentinelOffset, count).CopyTo(buffer);
            _sentinelOffset += count;
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
