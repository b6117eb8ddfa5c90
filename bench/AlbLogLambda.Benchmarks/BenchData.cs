using System.Collections.Concurrent;
using System.IO.Compression;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Generation;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// Deterministic input for every benchmark: <see cref="AlbLogGenerator"/> with a fixed seed and the default cause
/// mix (86 % 2xx, about 1.4 % 502s over every cause), as plain text split into lines and as multi-member gzip.
/// The generator's <see cref="GenerationStats"/> are the expected answers each benchmark checks before timing.
/// </summary>
public sealed class BenchData
{
    public const long Seed = 20261124;

    /// <summary>Lines of the data set most benchmarks use: about 65 MB of text.</summary>
    public const int DefaultLines = 100_000;

    private static readonly ConcurrentDictionary<(int Lines, bool OrdinaryOnly), GenerationStats> s_stats = new();

    private BenchData(GeneratorOptions options, GenerationStats stats, byte[] plain, byte[] gzip, int[] lineStarts, int[] lineLengths)
    {
        Options = options;
        Stats = stats;
        Plain = plain;
        Gzip = gzip;
        LineStarts = lineStarts;
        LineLengths = lineLengths;
    }

    public GeneratorOptions Options { get; }

    /// <summary>What the generator wrote: the ground truth.</summary>
    public GenerationStats Stats { get; }

    /// <summary>The text, lines ending in LF.</summary>
    public byte[] Plain { get; }

    /// <summary>The same text as gzip, a member every 10,000 lines (ALB writes several members per object).</summary>
    public byte[] Gzip { get; }

    public int[] LineStarts { get; }

    /// <summary>Length of each line without its LF.</summary>
    public int[] LineLengths { get; }

    public int LineCount => LineStarts.Length;

    public ReadOnlySpan<byte> Line(int index) => Plain.AsSpan(LineStarts[index], LineLengths[index]);

    /// <summary>A mix of ordinary entries only: every status except 5xx (no 502, no neighbour), for the steady-state allocation check.</summary>
    public static CauseMix OrdinaryMix { get; } = new() { Success2xx = 8610, Redirect3xx = 500, Client4xx = 600, WebSocket101 = 20 };

    public static GeneratorOptions OptionsFor(int lines, bool ordinaryOnly = false) => new()
    {
        Lines = lines,
        Seed = Seed,
        LinesPerMember = 10_000,
        TargetCount = 12,
        CompressionLevel = CompressionLevel.Optimal,
        Mix = ordinaryOnly ? OrdinaryMix : CauseMix.Default,
    };

    /// <summary>The expected statistics without generating the bytes (cheap: the BenchmarkDotNet host uses it for throughput columns).</summary>
    public static GenerationStats StatsFor(int lines, bool ordinaryOnly = false) =>
        s_stats.GetOrAdd((lines, ordinaryOnly), key => AlbLogGenerator.ComputeStats(OptionsFor(key.Lines, key.OrdinaryOnly)));

    public static BenchData Create(int lines = DefaultLines, bool ordinaryOnly = false)
    {
        var options = OptionsFor(lines, ordinaryOnly);
        using var plainStream = new MemoryStream();
        var stats = AlbLogGenerator.WritePlain(plainStream, options);
        using var gzipStream = new MemoryStream();
        var gzipStats = AlbLogGenerator.WriteGzip(gzipStream, options);
        var plain = plainStream.ToArray();
        Check.Equal(stats.UncompressedBytes, plain.LongLength, "plain bytes");
        Check.Equal(stats.UncompressedBytes, gzipStats.UncompressedBytes, "gzip uncompressed bytes");

        var starts = new List<int>((int)stats.PhysicalLines);
        var lengths = new List<int>((int)stats.PhysicalLines);
        int start = 0;
        while (start < plain.Length)
        {
            int newline = plain.AsSpan(start).IndexOf((byte)'\n');
            int end = newline < 0 ? plain.Length : start + newline;
            starts.Add(start);
            lengths.Add(end - start);
            start = end + 1;
        }
        Check.Equal(stats.PhysicalLines, starts.Count, "lines");
        return new BenchData(options, stats, plain, gzipStream.ToArray(), [.. starts], [.. lengths]);
    }

    /// <summary>Throws unless <paramref name="report"/> says exactly what the generator wrote.</summary>
    public static void VerifyReport(GenerationStats expected, AnalysisReport report)
    {
        Check.Equal(expected.Entries, report.Entries, "entries");
        Check.Equal(0, report.Malformed, "malformed lines");
        Check.Equal(expected.Http502, report.Http502.Total + report.Http502.FixedResponse, "502 entries");
        foreach (var (code, count) in expected.ByElbStatusCode)
        {
            var key = code.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            Check.Equal(count, report.StatusCounts.TryGetValue(key, out var reported) ? reported : 0, $"entries with status {key}");
        }
        foreach (var (cause, count) in expected.By502Cause)
        {
            var reported = report.Causes.SingleOrDefault(c => c.Info.Id == cause)?.Count ?? 0;
            Check.Equal(count, reported, $"502s of cause {cause}");
        }
        foreach (var outcome in report.Objects)
        {
            if (outcome.Status != ObjectStatus.Ok) throw new InvalidOperationException($"object {outcome.Source} is {outcome.Status}: {outcome.Reason}");
        }
    }
}

/// <summary>The answer checks: a wrong answer must never produce a (fast) number.</summary>
public static class Check
{
    public static void Equal(long expected, long actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Wrong answer: {what} is {actual:N0}, expected {expected:N0}. The benchmark refuses to time a broken engine.");
        }
    }
}
