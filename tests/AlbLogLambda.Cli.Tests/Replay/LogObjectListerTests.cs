using AlbLogLambda.Cli.Replay;

namespace AlbLogLambda.Cli.Tests.Replay;

public sealed class LogObjectListerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ListingPrefixes_RegionFolderAndRange_ListsEachDayFolderThroughTheDayAfterTheEnd()
    {
        var prefixes = LogObjectLister.ListingPrefixes(
            "logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1",
            new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 24, 23, 55, 0, TimeSpan.Zero),
            s_now);

        Assert.Equal(
            [
                "logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/23/",
                "logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/",
                "logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/25/",
            ],
            prefixes);
    }

    [Fact]
    public void ListingPrefixes_NoEnd_RunsUntilTheDayAfterNow()
    {
        var prefixes = LogObjectLister.ListingPrefixes(
            "AWSLogs/123456789012/elasticloadbalancing/us-east-1/", new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), null, s_now);

        Assert.Equal(3, prefixes.Count);
        Assert.Equal("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/12/01/", prefixes[^1]);
    }

    [Theory]
    [InlineData("logs/")]
    [InlineData("logs/AWSLogs/123456789012/")]
    [InlineData("logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/")]
    [InlineData("")]
    public void ListingPrefixes_NotARegionFolder_ListsThePrefixItself(string prefix)
    {
        Assert.Equal([prefix], LogObjectLister.ListingPrefixes(prefix, new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), null, s_now));
    }

    [Fact]
    public void ListingPrefixes_NoStart_ListsTheWholeRegionFolder()
    {
        const string Prefix = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/";

        Assert.Equal([Prefix], LogObjectLister.ListingPrefixes(Prefix, null, s_now, s_now));
    }
}
