using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Tests.Evidence;

public sealed class EvidenceWindowTests
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void RoundOut_PartialMinutes_WidensToWholeMinutes()
    {
        var window = EvidenceWindow.RoundOut(At("2026-12-07T10:00:12.345Z"), At("2026-12-07T10:04:59.999Z"));

        Assert.Equal(At("2026-12-07T10:00:00Z"), window.Start);
        Assert.Equal(At("2026-12-07T10:05:00Z"), window.End);
        Assert.Equal(5, window.Minutes);
    }

    [Fact]
    public void RoundOut_LastEntryOnTheMinute_IncludesThatMinute()
    {
        var window = EvidenceWindow.RoundOut(At("2026-12-07T10:00:00Z"), At("2026-12-07T10:04:00Z"));

        Assert.Equal(At("2026-12-07T10:05:00Z"), window.End);
    }

    [Fact]
    public void RoundOut_OneInstant_OneMinute()
    {
        var window = EvidenceWindow.RoundOut(At("2026-12-07T10:03:30Z"), At("2026-12-07T10:03:30Z"));

        Assert.Equal(1, window.Minutes);
        Assert.Equal(At("2026-12-07T10:03:00Z"), window.Start);
    }

    [Fact]
    public void RoundOut_OffsetTimes_GiveUtcMinutes()
    {
        var window = EvidenceWindow.RoundOut(At("2026-12-07T11:00:30+01:00"), At("2026-12-07T11:01:30+01:00"));

        Assert.Equal(TimeSpan.Zero, window.Start.Offset);
        Assert.Equal(At("2026-12-07T10:00:00Z"), window.Start);
        Assert.Equal(At("2026-12-07T10:02:00Z"), window.End);
    }

    [Fact]
    public void RoundOut_TimesSwapped_SameWindow()
    {
        Assert.Equal(
            EvidenceWindow.RoundOut(At("2026-12-07T10:00:30Z"), At("2026-12-07T10:07:30Z")),
            EvidenceWindow.RoundOut(At("2026-12-07T10:07:30Z"), At("2026-12-07T10:00:30Z")));
    }

    [Fact]
    public void Request_Window_IsTheRoundedOutEntryTimes()
    {
        var request = new EvidenceRequest("app/my-alb/50dc6c495c0c9188", [], At("2026-12-07T10:00:12Z"), At("2026-12-07T10:04:48Z"), "eu-west-1");

        Assert.Equal(new EvidenceWindow(At("2026-12-07T10:00:00Z"), At("2026-12-07T10:05:00Z")), request.Window);
    }
}
