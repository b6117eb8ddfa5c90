namespace AlbLogLambda.Core.Evidence;

/// <summary>A span of whole minutes, start inclusive, end exclusive (CloudWatch's one-minute data points).</summary>
/// <param name="Start">The first minute, at :00 seconds, UTC.</param>
/// <param name="End">The minute after the last one, at :00 seconds, UTC.</param>
public sealed record EvidenceWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The window length in whole minutes (at least 1).</summary>
    public int Minutes => (int)((End - Start).Ticks / TimeSpan.TicksPerMinute);

    /// <summary>
    /// The smallest window of whole minutes that holds both times: the start rounded down to its minute, the end to
    /// the end of its minute. An entry at 10:04:00.000 belongs to the data point of 10:04, so that minute is included.
    /// </summary>
    public static EvidenceWindow RoundOut(DateTimeOffset first, DateTimeOffset last)
    {
        if (last < first)
        {
            (first, last) = (last, first);
        }

        var start = FloorToMinute(first);
        var end = FloorToMinute(last).AddMinutes(1);
        return new EvidenceWindow(start, end);
    }

    private static DateTimeOffset FloorToMinute(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
