using System.Buffers.Text;

namespace AlbLogLambda.Generation;

/// <summary>
/// A reused byte buffer that lines are formatted into with no per-line allocation. Callers make sure a
/// whole line fits (<see cref="Free"/>) before they start one; nothing here grows the buffer.
/// </summary>
internal sealed class Utf8LineBuffer(int capacity)
{
    private const long MicrosPerDay = 86_400_000_000L;

    private readonly byte[] _buffer = new byte[capacity];
    private readonly byte[] _dayPrefix = new byte[11];
    private long _cachedDay = long.MinValue;
    private int _position;

    public int Length => _position;

    public int Free => _buffer.Length - _position;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    public void Clear() => _position = 0;

    /// <summary>Drops everything after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _position = Math.Min(_position, length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    public void Append(byte value) => _buffer[_position++] = value;

    /// <summary>Appends <paramref name="bytes"/> between double quotes.</summary>
    public void AppendQuoted(ReadOnlySpan<byte> bytes)
    {
        _buffer[_position++] = (byte)'"';
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
        _buffer[_position++] = (byte)'"';
    }

    public void AppendInteger(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out int written);
        _position += written;
    }

    /// <summary>Appends a non-negative value as exactly <paramref name="digits"/> decimal digits.</summary>
    public void AppendPadded(long value, int digits)
    {
        for (int i = _position + digits - 1; i >= _position; i--)
        {
            _buffer[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        _position += digits;
    }

    /// <summary>Appends the low <paramref name="digits"/> hex digits of <paramref name="value"/>, lowercase.</summary>
    public void AppendHex(ulong value, int digits)
    {
        for (int i = _position + digits - 1; i >= _position; i--)
        {
            _buffer[i] = "0123456789abcdef"u8[(int)(value & 0xF)];
            value >>= 4;
        }
        _position += digits;
    }

    /// <summary>Appends a duration in milliseconds as seconds with three decimals, or <c>-1</c> when negative.</summary>
    public void AppendSeconds(int milliseconds)
    {
        if (milliseconds < 0)
        {
            Append("-1"u8);
            return;
        }
        AppendInteger(milliseconds / 1000);
        _buffer[_position++] = (byte)'.';
        AppendPadded(milliseconds % 1000, 3);
    }

    /// <summary>Appends a UTC time as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.</summary>
    public void AppendTimestamp(long unixMicros)
    {
        long day = unixMicros / MicrosPerDay;
        if (day != _cachedDay)
        {
            var date = DateTime.UnixEpoch.AddDays(day);
            var prefix = _dayPrefix.AsSpan();
            Pad(prefix[..4], date.Year);
            prefix[4] = (byte)'-';
            Pad(prefix.Slice(5, 2), date.Month);
            prefix[7] = (byte)'-';
            Pad(prefix.Slice(8, 2), date.Day);
            prefix[10] = (byte)'T';
            _cachedDay = day;
        }
        Append(_dayPrefix);
        long inDay = unixMicros - (day * MicrosPerDay);
        long seconds = inDay / 1_000_000;
        AppendPadded(seconds / 3600, 2);
        _buffer[_position++] = (byte)':';
        AppendPadded(seconds / 60 % 60, 2);
        _buffer[_position++] = (byte)':';
        AppendPadded(seconds % 60, 2);
        _buffer[_position++] = (byte)'.';
        AppendPadded(inDay % 1_000_000, 6);
        _buffer[_position++] = (byte)'Z';
    }

    private static void Pad(Span<byte> target, int value)
    {
        for (int i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
