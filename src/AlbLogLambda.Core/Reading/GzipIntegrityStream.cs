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
                // .NET's message ("unsupported compression method") is the same for every zlib data error: name it here.
                throw new LogDataException(DescribeDataError(), e);
            }
            if (read == 0)
            {
                if (_heldBackCount != NonceLength || !buffer[..NonceLength].SequenceEqual(_nonce))
                {
                    throw new LogDataException(DescribeEarlyEnd());
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


    /// <summary>
    /// What failure messages count: the bytes delivered, the object's decodedBytes. The held-back tail is never
    /// delivered (it may be the sentinel), so counting it would disagree with the report by up to 16 bytes.
    /// </summary>
    private long Decoded => DecodedBytes;

    private string Truncated() =>
        $"gzip data is truncated: the input ended inside a gzip member (its data or its 8-byte trailer) after {Decoded:N0} decoded bytes, "
        + $"at compressed byte {_compressed.InnerBytesRead:N0}";

    /// <summary>The decoder stopped without error before the sentinel: the input ended inside a member, or went on with something else.</summary>
    private string DescribeEarlyEnd()
    {
        if (!_compressed.SentinelStarted && ZlibInflaterState.LastMemberEnded(_gzip) == true)
        {
            // The last member ended with a good trailer, and what follows does not start a gzip member: the sentinel
            // would have been decoded after a clean end of input.
            string at = ZlibInflaterState.UnusedInput(_gzip) is { } unused ? $" from compressed byte {_compressed.InnerBytesRead - unused:N0}" : "";
            return $"data after the last gzip member: the bytes{at} are not a gzip member (trailing garbage), after {Decoded:N0} decoded bytes";
        }
        return Truncated();
    }

    /// <summary>
    /// Names a zlib data error from where the decoder stopped: zlib consumes the CRC-32 before checking it and the
    /// length (ISIZE) before checking that, and a header's first four bytes before checking its method and flags.
    /// </summary>
    private string DescribeDataError()
    {
        // The decoder asked for input past the end: the real input ended before the member did.
        if (_compressed.SentinelStarted) return Truncated();
        if (ZlibInflaterState.UnusedInput(_gzip) is not { } unused)
        {
            return $"gzip data is corrupt after {Decoded:N0} decoded bytes (its data, a trailer's CRC-32 or length, or a header does not check out)";
        }
        long stop = _compressed.InnerBytesRead - unused;
        bool EndsAt(long offset) => _compressed.ByteAt(offset) < 0 && (offset == 0 || _compressed.ByteAt(offset - 1) >= 0);
        bool MemberStartsAt(long offset) => _compressed.ByteAt(offset) == 0x1f && _compressed.ByteAt(offset + 1) == 0x8b && _compressed.ByteAt(offset + 2) == 8;
        if (EndsAt(stop + 4) || MemberStartsAt(stop + 4))
        {
            return $"gzip CRC mismatch: the data of a gzip member does not match the CRC-32 in its trailer (at compressed byte {stop - 4:N0}), "
                + $"after {Decoded:N0} decoded bytes: the data is corrupt";
        }
        if (EndsAt(stop) || MemberStartsAt(stop))
        {
            return $"gzip length mismatch: a gzip member decoded to a length other than the one (ISIZE) in its trailer (at compressed byte {stop - 4:N0}), "
                + $"after {Decoded:N0} decoded bytes";
        }
        if (_compressed.ByteAt(stop - 4) == 0x1f && _compressed.ByteAt(stop - 3) == 0x8b)
        {
            int method = _compressed.ByteAt(stop - 2);
            return method != 8
                ? $"unsupported gzip compression method {method} in the gzip member header at compressed byte {stop - 4:N0} (gzip has only method 8, deflate)"
                : $"invalid gzip member header at compressed byte {stop - 4:N0}: its flags (0x{_compressed.ByteAt(stop - 1):X2}) set bits gzip reserves";
        }
        return $"gzip data is corrupt: the deflate data does not decode (at compressed byte {stop:N0}), after {Decoded:N0} decoded bytes";
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

    /// <summary>
    /// The compressed input, then the sentinel member. Keeps a copy of the last bytes it handed out (the decoder's
    /// current input), so that a failure can be named from the bytes where the decoder stopped.
    /// </summary>
    private sealed class SentinelAppendingStream(Stream inner, byte[] sentinel, bool leaveOpen) : ReadOnlyStream
    {
        private const int TailBytes = 16;
        private int _sentinelOffset = -1;
        private byte[] _last = [];
        private int _lastCount;
        private readonly byte[] _previousTail = new byte[TailBytes];
        private int _previousTailCount;
        private readonly byte[] _after = new byte[TailBytes];
        private int _afterCount = -1;

        public long InnerBytesRead { get; private set; }

        /// <summary>The real input has ended and the sentinel is being handed out.</summary>
        public bool SentinelStarted => _sentinelOffset >= 0;

        public override int Read(Span<byte> buffer)
        {
            if (_sentinelOffset < 0)
            {
                int n = inner.Read(buffer);
                if (n > 0)
                {
                    InnerBytesRead += n;
                    Keep(buffer[..n]);
                    return n;
                }
                _sentinelOffset = 0;
            }
            int count = Math.Min(buffer.Length, sentinel.Length - _sentinelOffset);
            sentinel.AsSpan(_sentinelOffset, count).CopyTo(buffer);
            _sentinelOffset += count;
            return count;
        }

        private void Keep(ReadOnlySpan<byte> handed)
        {
            int tail = Math.Min(TailBytes, _lastCount);
            _last.AsSpan(_lastCount - tail, tail).CopyTo(_previousTail);
            _previousTailCount = tail;
            if (_last.Length < handed.Length) _last = new byte[handed.Length];
            handed.CopyTo(_last);
            _lastCount = handed.Length;
        }

        /// <summary>
        /// The input byte at <paramref name="offset"/>, or -1 past the end of the input or out of what is kept: the
        /// last chunk handed out, a few bytes before it, and a few after it (read now: only after a failure).
        /// </summary>
        public int ByteAt(long offset)
        {
            long lastStart = InnerBytesRead - _lastCount;
            if (offset >= lastStart && offset < InnerBytesRead) return _last[offset - lastStart];
            if (offset < lastStart && offset >= lastStart - _previousTailCount) return _previousTail[_previousTailCount - (lastStart - offset)];
            if (offset < InnerBytesRead || offset >= InnerBytesRead + TailBytes) return -1;
            if (_afterCount < 0)
            {
                _afterCount = 0;
                if (_sentinelOffset < 0)
                {
                    int n;
                    while (_afterCount < TailBytes && (n = inner.Read(_after.AsSpan(_afterCount))) > 0) _afterCount += n;
                }
            }
            long index = offset - InnerBytesRead;
            return index < _afterCount ? _after[index] : -1;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
