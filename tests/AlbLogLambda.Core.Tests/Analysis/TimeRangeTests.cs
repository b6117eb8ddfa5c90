using System.Globalization;
using System.Text;
using AlbLogLambda.Core.Analysis;
using CsCheck;

namespace AlbLogLambda.Core.Tests.Analysis;

public class TimeRangeTests
{
    private static readonly DateTimeOffset s_origin = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static string AlbTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public void Add_TimesInAnyOrder_KeepsTheEarliestAndTheLatest()
    {
        // Mostly rising, as in a log, with jumps back and forth of up to an hour.
        Gen.Long[-3_600_000_000, 3_600_000_000].Array[1, 200].Sample(offsets =>
        {
            var range = new TimeRange();
            var times = offsets.Select(ticks => s_origin.AddTicks(ticks * 10)).ToList();
            foreach (var time in times) range.Add(Encoding.ASCII.GetBytes(AlbTime(time)));

            Assert.Equal(AlbTime(times.Min()), AlbTime(range.First!.Value));
            Assert.Equal(AlbTime(times.Max()), AlbTime(range.Last!.Value));
        }, iter: 2000);
    }

    [Fact]
    public void Merge_TwoRanges_SpanBoth()
    {
        var morning = new TimeRange();
        morning.Add("2026-11-25T08:00:00.000000Z"u8);
        morning.Add("2026-11-25T09:00:00.000000Z"u8);
        var night = new TimeRange();
        night.Add("2026-11-24T23:00:00.000000Z"u8);

        morning.Merge(night);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), morning.First);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), morning.Last);
    }

    [Fact]
    public void Add_Nothing_HasNoRange()
    {
        var range = new TimeRange();
        range.Add(default);

        Assert.Null(range.First);
        Assert.Null(range.Last);
    }
}
