using System.IO.Compression;
using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Tests.Analysis;

/// <summary>The per-object budget: an object over a cap is failed (a data problem, never an exception to retry).</summary>
public class ObjectBudgetTests
{
    private const int GoodEntries = 3;

    /// <summary>A few entries, then <paramref name="fillerBytes"/> of <paramref name="filler"/> repeated, gzipped as it is made.</summary>
    private static byte[] Bomb(byte[] filler, long fillerBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (int i = 0; i < GoodEntries; i++) gzip.Write(TestLines.Utf8(TestLines.Line(target: $"10.0.1.{i}:8080") + "\n"));
            var chunk = new byte[1 << 20];
            for (int i = 0; i + filler.Length <= chunk.Length; i += filler.Length) filler.CopyTo(chunk, i);
            int usable = chunk.Length - (chunk.Length % filler.Length);
            for (long written = 0; written < fillerBytes; written += usable) gzip.Write(chunk, 0, usable);
        }
        return output.ToArray();
    }

    private static ObjectOutcome Analyze(byte[] content, AnalysisOptions options, out AnalysisReport report)
    {
        using var session = new AnalysisSession(options);
        var outcome = session.Analyze("bomb.log.gz", new MemoryStream(content));
        report = session.BuildReport();
        return outcome;
    }

    [Fact]
    public void Analyze_NewlineBomb_IsFailedAtTheNonEntryCap_WithTheEntriesBeforeIt()
    {
        const long BombBytes = 64L << 20;
        var bomb = Bomb("\n"u8.ToArray(), BombBytes);

        var outcome = Analyze(bomb, new AnalysisOptions { MaxConsecutiveNonEntries = 10_000 }, out var report);

        Assert.Equal(ObjectStatus.Failed, outcome.Status);
        Assert.Contains("10,001 lines in a row", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("MaxConsecutiveNonEntries", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("raise the cap", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(GoodEntries, outcome.Entries);
        Assert.Equal(GoodEntries, report.Entries);
        // Stopped near the cap, not at the end of the 64 MB: a few read buffers past it at most.
        Assert.InRange(outcome.DecodedBytes, 10_000, 8L << 20);
    }

    [Fact]
    public void Analyze_MalformedRunPastTheCap_IsFailed_ButIsolatedBadLinesAreNot()
    {
        string good = TestLines.Line() + "\n";
        var isolated = string.Concat(Enumerable.Range(0, 50).Select(_ => "garbage line\n" + good));
        var run = good + string.Concat(Enumerable.Repeat("garbage line\n", 101)) + good;
        var options = new AnalysisOptions { MaxConsecutiveNonEntries = 100 };

        var fine = Analyze(TestLines.Utf8(isolated), options, out _);
        var failed = Analyze(TestLines.Utf8(run), options, out _);

        Assert.Equal((ObjectStatus.Ok, 50L), (fine.Status, fine.Entries));
        Assert.Equal((ObjectStatus.Failed, 1L), (failed.Status, failed.Entries));
        Assert.Contains("up to line 102", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ObjectOverTheDecodedByteCap_IsFailedNamingTheCap_WithTheEntriesBeforeIt()
    {
        var line = TestLines.Utf8(TestLines.Line() + "\n");
        var bomb = Bomb(line, 32L << 20);
        const long Cap = 4L << 20;

        var outcome = Analyze(bomb, new AnalysisOptions { MaxDecodedBytes = Cap }, out var report);

        Assert.Equal(ObjectStatus.Failed, outcome.Status);
        Assert.Contains("more than 4,194,304 bytes", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("MaxDecodedBytes", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("MAX_DECODED_BYTES", outcome.Reason, StringComparison.Ordinal);
        // The entries read before the cap are kept: at least the whole lines of the first buffers, never past the cap.
        Assert.InRange(report.Entries, 1_000, Cap / line.Length);
        Assert.Equal(report.Entries, outcome.Entries);
    }

    [Fact]
    public void Analyze_OneEndlessLine_IsFailedAtTheDecodedByteCap_NotReadToItsEnd()
    {
        var bomb = Bomb("x"u8.ToArray(), 64L << 20);

        var outcome = Analyze(bomb, new AnalysisOptions { MaxDecodedBytes = 8L << 20, MaxConsecutiveNonEntries = 1_000_000 }, out _);

        Assert.Equal(ObjectStatus.Failed, outcome.Status);
        Assert.Contains("MaxDecodedBytes", outcome.Reason, StringComparison.Ordinal);
        Assert.InRange(outcome.DecodedBytes, 8L << 20, 12L << 20);
    }

    [Fact]
    public void Options_Defaults_AreFarAboveARealObject()
    {
        var options = new AnalysisOptions();

        Assert.Equal(4L << 30, options.MaxDecodedBytes);
        Assert.Equal(100_000, options.MaxConsecutiveNonEntries);
    }

    [Theory]
    [InlineData("", "no access-log entry: the object is empty")]
    [InlineData("\n", "no access-log entry: the object holds only 1 blank line")]
    [InlineData("\n  \n\r\n\n", "no access-log entry: the object holds only 4 blank lines")]
    public void Analyze_EmptyOrBlankOnlyObject_IsFailed(string content, string reason)
    {
        foreach (var bytes in new[] { TestLines.Utf8(content), TestLines.Gzip(content) })
        {
            var outcome = Analyze(bytes, new AnalysisOptions(), out _);

            Assert.Equal((ObjectStatus.Failed, reason), (outcome.Status, outcome.Reason));
        }
    }
}
