using System.Globalization;

namespace AlbLogLambda.Cli.Replay;

/// <summary>
/// Progress of a replay on standard error: objects and bytes done, rate and time left. On a terminal one status line
/// is redrawn in place (at most every <see cref="RedrawInterval"/>); when the output is redirected, plain lines are
/// written at each tenth of the work and at least every <see cref="LineInterval"/>, so logs stay readable.
/// </summary>
internal sealed class ReplayProgress(TextWriter output, bool interactive, TimeProvider clock)
{
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(30);

    /// <summary>Plain listing lines every this many keys listed.</summary>
    public const long ListingLineEvery = 10_000;

    private long _totalObjects;
    private long _totalBytes;
    private long _objects;
    private long _bytes;
    private long _startedAt;
    private long _lastShownAt = long.MinValue;
    private int _lastTenth = -1;
    private long _lastListedLine;
    private int _drawnWidth;
    private string _drawn = "";

    /// <summary>While listing: keys seen and kept so far.</summary>
    public void Listing(ListingCounts counts)
    {
        if (interactive)
        {
            if (Due(RedrawInterval)) Draw($"listing: {Plural.Of(counts.Listed, "key")}, {Plural.Of(counts.Matched, "access-log object")} in range ({Bytes(counts.MatchedBytes)})");
        }
        else if (counts.Listed - _lastListedLine >= ListingLineEvery)
        {
            _lastListedLine = counts.Listed;
            output.WriteLine($"listing: {Plural.Of(counts.Listed, "key")}, {Plural.Of(counts.Matched, "access-log object")} in range");
        }
    }

    /// <summary>The work is known: from now on, <see cref="Advance"/> counts against these totals.</summary>
    public void Start(long objects, long bytes)
    {
        ClearLine();
        _totalObjects = objects;
        _totalBytes = bytes;
        _objects = 0;
        _bytes = 0;
        _startedAt = clock.GetTimestamp();
        // A terminal shows the status at once; plain lines start at the first tenth (or after LineInterval).
        _lastShownAt = interactive ? long.MinValue : _startedAt;
        _lastTenth = 0;
    }

    public void Advance(long objects, long bytes)
    {
        _objects += objects;
        _bytes += bytes;
        if (interactive)
        {
            if (Due(RedrawInterval) || _objects >= _totalObjects) Draw(Status());
            return;
        }
        int tenth = _totalObjects == 0 ? 10 : (int)(_objects * 10 / _totalObjects);
        if (tenth > _lastTenth || Due(LineInterval))
        {
            _lastTenth = tenth;
            _lastShownAt = clock.GetTimestamp();
            output.WriteLine(Status());
        }
    }

    /// <summary>
    /// Writes a line of its own (a result to standard output, a warning to standard error) without tearing the status
    /// line: on a terminal the status is cleared first and drawn again after.
    /// </summary>
    public void Line(TextWriter target, string text)
    {
        ArgumentNullException.ThrowIfNull(target);
        bool redraw = interactive && _drawnWidth > 0;
        ClearLine();
        target.WriteLine(text);
        target.Flush();
        if (redraw) Draw(_drawn);
    }

    /// <summary>Ends the status line, so that what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (interactive && _drawnWidth > 0) output.WriteLine();
        _drawnWidth = 0;
        output.Flush();
    }

    /// <summary><c>120/1,000 objects (12%), 3.1 MB/25.0 MB, 8.2 MB/s, 3 s left</c>.</summary>
    public string Status()
    {
        var elapsed = clock.GetElapsedTime(_startedAt);
        string percent = _totalObjects == 0 ? "100" : (_objects * 100 / _totalObjects).ToString(CultureInfo.InvariantCulture);
        var text = $"{N(_objects)}/{Plural.Of(_totalObjects, "object")} ({percent}%), {Bytes(_bytes)}/{Bytes(_totalBytes)}";
        if (elapsed > TimeSpan.Zero && _bytes > 0)
        {
            double rate = _bytes / elapsed.TotalSeconds;
            text += $", {Bytes((long)rate)}/s";
            if (_bytes < _totalBytes) text += $", {Duration(TimeSpan.FromSeconds((_totalBytes - _bytes) / rate))} left";
        }
        return text;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1_000_000 => $"{(bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture)} kB",
        < 1_000_000_000 => $"{(bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / 1e9).ToString("0.00", CultureInfo.InvariantCulture)} GB",
    };

    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => $"{Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s",
        < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds} s",
        _ => $"{(int)span.TotalHours} h {span.Minutes} min",
    };

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private bool Due(TimeSpan interval)
    {
        long now = clock.GetTimestamp();
        if (_lastShownAt != long.MinValue && clock.GetElapsedTime(_lastShownAt, now) < interval) return false;
        _lastShownAt = now;
        return true;
    }

    private void Draw(string text)
    {
        output.Write('\r');
        output.Write(text);
        if (text.Length < _drawnWidth) output.Write(new string(' ', _drawnWidth - text.Length));
        _drawnWidth = text.Length;
        _drawn = text;
        output.Flush();
    }

    private void ClearLine()
    {
        if (!interactive || _drawnWidth == 0) return;
        output.Write('\r');
        output.Write(new string(' ', _drawnWidth));
        output.Write('\r');
        _drawnWidth = 0;
    }
}
