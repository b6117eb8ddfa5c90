using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AlbLogLambda.Core.Parsing;

/// <summary>Turns the raw fields of an entry into values, only for the entries that need them.</summary>
public static class AlbFieldValues
{
    /// <summary>Absent processing time (the field was missing or <c>-</c>).</summary>
    public const double Absent = double.NaN;

    /// <summary>
    /// A processing time in seconds: -1 means "could not be measured" (AWS's sentinel), NaN means
    /// absent or unreadable. Any decimal form is accepted (<c>-1</c>, <c>-1.0</c>, <c>0.001</c>).
    /// </summary>
    public static double Seconds(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty) return Absent;
        return Utf8Parser.TryParse(field, out double value, out int consumed) && consumed == field.Length ? value : Absent;
    }

    /// <summary>True when a processing time is AWS's -1 sentinel.</summary>
    public static bool IsMinusOne(double seconds) => seconds < 0 && seconds > -1.5;

    /// <summary>Parses <c>2026-11-24T10:03:12.123456Z</c> (any number of fraction digits) as UTC.</summary>
    public static bool TryParseTime(ReadOnlySpan<byte> field, out DateTimeOffset time)
    {
        time = default;
        if (!AlbLogParser.IsTimestamp(field)) return false;
        int year = Digits(field[..4]), month = Digits(field.Slice(5, 2)), day = Digits(field.Slice(8, 2));
        int hour = Digits(field.Slice(11, 2)), minute = Digits(field.Slice(14, 2)), second = Digits(field.Slice(17, 2));
        long ticks = 0;
        if (field.Length > 21 && field[19] == (byte)'.')
        {
            var fraction = field[20..^1];
            long scale = TimeSpan.TicksPerSecond;
            foreach (byte b in fraction)
            {
                if (b < (byte)'0' || b > (byte)'9') return false;
                scale /= 10;
                ticks += (b - '0') * scale;
            }
        }
        // Year 0 has no calendar (DaysInMonth would throw): a hostile line may carry it, and it is not a time then.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> s)
    {
        int value = 0;
        foreach (byte b in s) value = (value * 10) + (b - '0');
        return value;
    }

    /// <summary>The port after the last colon of <c>ip:port</c> (IPv6 unbracketed or bracketed); -1 if none.</summary>
    public static int Port(ReadOnlySpan<byte> hostPort)
    {
        int colon = hostPort.LastIndexOf((byte)':');
        if (colon < 0) return -1;
        return Utf8Parser.TryParse(hostPort[(colon + 1)..], out int port, out int consumed)
            && consumed == hostPort.Length - colon - 1 && port is >= 0 and <= 65535 ? port : -1;
    }

    /// <summary>The address before the last colon, brackets removed.</summary>
    public static ReadOnlySpan<byte> Host(ReadOnlySpan<byte> hostPort)
    {
        int colon = hostPort.LastIndexOf((byte)':');
        var host = colon < 0 ? hostPort : hostPort[..colon];
        return host.Length >= 2 && host[0] == (byte)'[' && host[^1] == (byte)']' ? host[1..^1] : host;
    }

    /// <summary>
    /// The request field split so that it never fails: method before the first space, version after
    /// the last, URL in between (the load balancer logs the URL as the client sent it, raw spaces included).
    /// </summary>
    public static void SplitRequest(ReadOnlySpan<byte> request, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> url, out ReadOnlySpan<byte> version)
    {
        var trimmed = request.TrimEnd((byte)' ');
        int first = trimmed.IndexOf((byte)' ');
        if (first < 0)
        {
            method = trimmed;
            url = version = default;
            return;
        }
        method = trimmed[..first];
        int last = trimmed.LastIndexOf((byte)' ');
        if (last == first)
        {
            url = trimmed[(first + 1)..];
            version = default;
            return;
        }
        url = trimmed[(first + 1)..last];
        version = trimmed[(last + 1)..];
    }

    /// <summary>True when the comma-separated actions_executed list holds <paramref name="action"/>.</summary>
    public static bool HasAction(ReadOnlySpan<byte> actionsExecuted, ReadOnlySpan<byte> action)
    {
        foreach (var range in actionsExecuted.Split((byte)','))
        {
            if (actionsExecuted[range].SequenceEqual(action)) return true;
        }
        return false;
    }

    /// <summary>Materialises a field for the report (only for entries that go into it).</summary>
    public static string Text(ReadOnlySpan<byte> field) => field.IsEmpty ? "" : Encoding.UTF8.GetString(field);

    public static string Format(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
