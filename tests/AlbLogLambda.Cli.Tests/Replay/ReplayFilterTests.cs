using AlbLogLambda.Cli.Replay;

namespace AlbLogLambda.Cli.Tests.Replay;

public sealed class ReplayFilterTests
{
    private const string Key1005 =
        "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    [Theory]
    [InlineData("2026-11-24T10:00Z", "2026-11-24T10:00:00Z")]
    [InlineData("2026-11-24T10:00:30Z", "2026-11-24T10:00:30Z")]
    [InlineData("2026-11-24T10:00:30.250Z", "2026-11-24T10:00:30.25Z")]
    [InlineData("2026-11-24T11:00+01:00", "2026-11-24T10:00:00Z")]
    [InlineData(" 2026-11-24T10:00Z ", "2026-11-24T10:00:00Z")]
    public void TryParseTime_Iso8601WithZone_GivesUtc(string text, string expected)
    {
        Assert.True(ReplayFilter.TryParseTime(text, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("2026-11-24T10:00")] // no zone: would depend on the machine's time zone
    [InlineData("2026-11-24")]
    [InlineData("20261124T1000Z")]
    [InlineData("2026-11-24 10:00Z")]
    [InlineData("yesterday")]
    [InlineData("2026-13-24T10:00Z")]
    public void TryParseTime_NotIso8601WithZone_IsRejected(string text)
    {
        Assert.False(ReplayFilter.TryParseTime(text, out _));
    }

    [Theory]
    [InlineData("2026-11-24T10:05Z", "2026-11-24T10:05Z", true)] // both bounds inclusive
    [InlineData("2026-11-24T10:00Z", "2026-11-24T10:04:59Z", false)]
    [InlineData("2026-11-24T10:05:01Z", null, false)]
    [InlineData(null, "2026-11-24T10:05Z", true)]
    [InlineData(null, null, true)]
    public void Matches_EndTimeRange_IsInclusive(string? from, string? to, bool expected)
    {
        var filter = new ReplayFilter(Time(from), Time(to));

        Assert.Equal(expected, filter.Matches(Key1005, out var parsed));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero), parsed!.EndTime);
    }

    [Theory]
    [InlineData("my-alb", true)]
    [InlineData("app/my-alb/50dc6c495c0c9188", true)]
    [InlineData("app/my-alb/0000000000000000", false)]
    [InlineData("my", false)]
    [InlineData("My-Alb", false)]
    public void Matches_LoadBalancer_ByNameOrId(string loadBalancer, bool expected)
    {
        Assert.Equal(expected, new ReplayFilter(LoadBalancer: loadBalancer).Matches(Key1005, out _));
    }

    [Theory]
    [InlineData("AWSLogs/123456789012/ELBAccessLogTestFile")]
    [InlineData("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/conn_log_123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz")]
    [InlineData("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.50dc6c495c0c9188_20261124T1005Z_5h2k9x3a.log.gz")]
    [InlineData("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/notes.txt")]
    public void Matches_OtherObjects_NeverMatch(string key)
    {
        Assert.False(new ReplayFilter().Matches(key, out var parsed));
        Assert.Null(parsed);
    }

    private static DateTimeOffset? Time(string? text) => text is null ? null : ReplayFilter.TryParseTime(text, out var t) ? t : throw new FormatException(text);
}
