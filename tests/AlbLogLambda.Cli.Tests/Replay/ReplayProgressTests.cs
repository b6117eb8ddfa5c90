using AlbLogLambda.Cli.Replay;

namespace AlbLogLambda.Cli.Tests.Replay;

public sealed class ReplayProgressTests
{
    [Fact]
    public void Advance_Redirected_WritesAPlainLineAtEachTenth()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var progress = new ReplayProgress(output, interactive: false, clock);

        progress.Start(objects: 100, bytes: 100_000_000);
        for (int i = 0; i < 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            progress.Advance(1, 1_000_000);
        }
        progress.Finish();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Equal("10/100 objects (10%), 10.0 MB/100.0 MB, 10.0 MB/s, 9 s left", lines[0]);
        Assert.Equal("100/100 objects (100%), 100.0 MB/100.0 MB, 10.0 MB/s", lines[^1]);
    }

    [Fact]
    public void Advance_RedirectedAndSlow_WritesALineAtLeastEveryLineInterval()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var progress = new ReplayProgress(output, interactive: false, clock);

        progress.Start(objects: 1_000, bytes: 1_000);
        for (int i = 0; i < 5; i++)
        {
            clock.Advance(ReplayProgress.LineInterval);
            progress.Advance(1, 1);
        }

        Assert.Equal(5, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Advance_Terminal_RedrawsOneLineInPlaceAtMostEveryRedrawInterval()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var progress = new ReplayProgress(output, interactive: true, clock);

        progress.Start(objects: 1_000, bytes: 1_000);
        for (int i = 0; i < 999; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            progress.Advance(1, 1);
        }
        progress.Advance(1, 1);
        progress.Finish();

        var text = output.ToString();
        Assert.Equal(1, text.Count(c => c == '\n')); // Finish ends the status line once
        int redraws = text.Count(c => c == '\r');
        Assert.InRange(redraws, 240, 260); // 50 s of work, a redraw every 200 ms, plus the last
        Assert.Contains("\r1,000/1,000 objects (100%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_Terminal_ClearsTheStatusWritesTheLineAndRedraws()
    {
        var clock = new ManualClock();
        var status = new StringWriter();
        var results = new StringWriter();
        var progress = new ReplayProgress(status, interactive: true, clock);
        progress.Start(objects: 2, bytes: 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Advance(1, 1);

        progress.Line(results, "2026-11-24 10:05Z  app/my-alb/50dc6c495c0c9188  1 objects");

        Assert.Equal("2026-11-24 10:05Z  app/my-alb/50dc6c495c0c9188  1 objects" + Environment.NewLine, results.ToString());
        var drawn = "1/2 objects (50%), 1 B/2 B, 1 B/s, 1 s left";
        Assert.Equal("\r" + drawn + "\r" + new string(' ', drawn.Length) + "\r" + "\r" + drawn, status.ToString());
    }

    [Theory]
    [InlineData(999, "999 B")]
    [InlineData(1_500, "1.5 kB")]
    [InlineData(25_000_000, "25.0 MB")]
    [InlineData(3_210_000_000, "3.21 GB")]
    public void Bytes_Value_IsHumanReadable(long bytes, string expected) => Assert.Equal(expected, ReplayProgress.Bytes(bytes));

    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(75, "1 min 15 s")]
    [InlineData(7_260, "2 h 1 min")]
    public void Duration_Value_IsHumanReadable(double seconds, string expected) => Assert.Equal(expected, ReplayProgress.Duration(TimeSpan.FromSeconds(seconds)));

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).AddTicks(_ticks);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
