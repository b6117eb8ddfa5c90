using System.Globalization;
using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// Reads HTTP/1.1 messages off a connection as bytes, for <see cref="FaultProxy"/>: a head up to its blank line, then a
/// body by its framing (Content-Length, chunked, or to the end of the connection), relayed as it arrives so that a
/// proxied body is never held whole.
/// </summary>
internal sealed class HttpWireReader(Stream stream)
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly byte[] _buffer = new byte[128 * 1024];
    private int _start;
    private int _end;

    /// <summary>How a message's body is delimited.</summary>
    public enum Framing
    {
        None,
        Length,
        Chunked,
        UntilClose,
    }

    /// <summary>A head, blank line included; null when the connection ends before its first byte.</summary>
    /// <exception cref="EndOfStreamException">The connection ended inside a head.</exception>
    public async Task<byte[]?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var at = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                var length = searched + at + 4;
                var head = _buffer.AsSpan(_start, length).ToArray();
                _start += length;
                return head;
            }

            searched = Math.Max(0, _end - _start - 3);
            if (_end - _start >= MaxHeadBytes)
            {
                throw new InvalidDataException($"an HTTP head longer than {MaxHeadBytes} bytes");
            }

            if (!await FillAsync(cancellationToken))
            {
                return _end == _start ? null : throw new EndOfStreamException("the connection ended inside an HTTP head");
            }
        }
    }

    /// <summary>
    /// Relays a body to <paramref name="sink"/>; stops early when the sink says so (returns false then).
    /// </summary>
    public async Task<bool> RelayBodyAsync(Framing framing, long length, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<bool>> sink, CancellationToken cancellationToken)
    {
        switch (framing)
        {
            case Framing.None:
                return true;
            case Framing.Length:
                return await RelayAsync(length, sink, cancellationToken);
            case Framing.UntilClose:
                while (true)
                {
                    if (_end == _start && !await FillAsync(cancellationToken))
                    {
                        return true;
                    }

                    var chunk = _buffer.AsMemory(_start, _end - _start);
                    _start = _end;
                    if (!await sink(chunk, cancellationToken))
                    {
                        return false;
                    }
                }

            default:
                while (true)
                {
                    var sizeLine = await ReadLineAsync(cancellationToken);
                    if (!await sink(sizeLine, cancellationToken))
                    {
                        return false;
                    }

                    var size = long.Parse(Encoding.ASCII.GetString(sizeLine).Split(';', 2)[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        // Trailer fields, then the blank line that ends the message.
                        while (true)
                        {
                            var trailer = await ReadLineAsync(cancellationToken);
                            if (!await sink(trailer, cancellationToken))
                            {
                                return false;
                            }

                            if (trailer.Length == 2)
                            {
                                return true;
                            }
                        }
                    }

                    if (!await RelayAsync(size, sink, cancellationToken) || !await sink(await ReadLineAsync(cancellationToken), cancellationToken))
                    {
                        return false;
                    }
                }
        }
    }

    private async Task<bool> RelayAsync(long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<bool>> sink, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_end == _start && !await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException($"the connection ended {count} bytes before the end of a body");
            }

            var n = (int)Math.Min(count, _end - _start);
            var chunk = _buffer.AsMemory(_start, n);
            _start += n;
            count -= n;
            if (!await sink(chunk, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One line, CRLF included.</summary>
    private async Task<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (at >= 0)
            {
                var line = _buffer.AsSpan(_start, at + 2).ToArray();
                _start += at + 2;
                return line;
            }

            if (_end - _start >= MaxHeadBytes)
            {
                throw new InvalidDataException($"a chunk line longer than {MaxHeadBytes} bytes");
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("the connection ended inside a chunked body");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
