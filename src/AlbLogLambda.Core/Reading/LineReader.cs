using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AlbLogLambda.Core.Reading;

/// <summary>
/// Splits a decoded stream into lines with one pooled buffer: memory is bounded by the line cap,
/// never by the size of the input. A final line without a newline is still a line.
/// </summary>
public sealed class LineReader : IDisposable
{
    public const int DefaultMaxLineBytes = 1 << 20;
    private const int DefaultBufferBytes = 256 * 1024;

    /// <summary>How far into the first bytes to look for NUL bytes that mark binary data.</summary>
    private const int BinaryProbeBytes = 4096;

    private readonly Stream _input;
    private readonly int _maxLineBytes;
    private readonly long _maxBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private int _probedBytes;

    /// <param name="input">The decoded text.</param>
    /// <param name="maxLineBytes">A longer line is skipped (<see cref="LineReadResult.TooLong"/>), its bytes not kept.</param>
    /// <param name="bufferBytes">The first buffer's size; it grows up to the line cap.</param>
    /// <param name="maxBytes">
    /// Reading more decoded bytes than this throws <see cref="LogDataException"/>, also inside a line being skipped:
    /// a bomb of one endless line costs no more than one of many lines.
    /// </param>
    public LineReader(Stream input, int maxLineBytes = DefaultMaxLineBytes, int bufferBytes = DefaultBufferBytes, long maxBytes = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _input = input;
        _maxLineBytes = maxLineBytes;
        _maxBytes = maxBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(bufferBytes, maxLineBytes + 2));
    }

    /// <summary>1-based number of the line last returned (too-long lines count).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Decoded bytes consumed so far.</summary>
    public long BytesRead { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LineReadResult Read(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = _scanned + newline;
                line = TrimCarriageReturn(_buffer.AsSpan(_start, lineEnd - _start));
                _start = _scanned = lineEnd + 1;
                LineNumber++;
                if (line.Length > _maxLineBytes)
                {
                    line = default;
                    return LineReadResult.TooLong;
                }
                return LineReadResult.Line;
            }
            _scanned = _end;

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return LineReadResult.End;
                }
                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                _start = _scanned = _end;
                LineNumber++;
                if (line.Length > _maxLineBytes)
                {
                    line = default;
                    return LineReadResult.TooLong;
                }
                return LineReadResult.Line;
            }

            if (_end - _start > _maxLineBytes + 1)
            {
                // Over the cap (LF and a CR allowed for): drop what is buffered and the rest of this line.
                SkipRestOfLine();
                LineNumber++;
                line = default;
                return LineReadResult.TooLong;
            }
            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Makes room (compacting or growing up to the cap) and reads more bytes.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            int pending = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _scanned -= _start;
            _end = pending;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLineBytes + 2));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        int n = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
            return;
        }
        if (_probedBytes < BinaryProbeBytes) ProbeForBinary(n);
        _end += n;
        Count(n);
    }

    private void Count(int n)
    {
        BytesRead += n;
        if (BytesRead > _maxBytes) ThrowOverCap();
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOverCap() =>
        throw new LogDataException($"the object decodes to more than {_maxBytes:N0} bytes, the per-object cap (MaxDecodedBytes), and was read no further "
            + $"(after line {LineNumber:N0}); raise the cap (MAX_DECODED_BYTES) if objects this large are real");

    private void ProbeForBinary(int count)
    {
        var probe = _buffer.AsSpan(_end, Math.Min(count, BinaryProbeBytes - _probedBytes));
        _probedBytes += probe.Length;
        if (probe.Contains((byte)0))
        {
            throw new LogDataException("binary data: NUL bytes in the first kilobytes; this is not a text log");
        }
    }

    private void SkipRestOfLine()
    {
        _start = _end = _scanned = 0;
        while (true)
        {
            int n = _input.Read(_buffer, 0, _buffer.Length);
            if (n == 0)
            {
                _eof = true;
                return;
            }
            Count(n);
            int newline = _buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = _scanned = newline + 1;
                _end = n;
                return;
            }
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
