using System.Globalization;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// <c>alloc [--lines N]</c>: bytes allocated per ordinary (non-5xx) entry in steady state, the issue's "zero bytes
/// allocated per ordinary entry". Reported, never asserted.
/// </summary>
/// <remarks>
/// Each figure is marginal: the allocations of reading 2N entries minus those of reading N entries, divided by N, after
/// warm-up runs (tiered JIT settled). Per-object costs (buffers, accumulators, the report) cancel out; what is left
/// is what every further entry costs. The engine run uses <see cref="GC.GetTotalAllocatedBytes"/> (precise), which
/// counts every thread, so a pipeline that parses on another thread is still measured; the bare parse loop runs on
/// this thread and uses <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </remarks>
internal static class AllocationProbe
{
    private const int WarmUpRuns = 5;
    private const int MeasuredRuns = 3;

    public static int Run(string[] args)
    {
        int lines = 200_000;
        int at = Array.IndexOf(args, "--lines");
        if (at >= 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out lines) || lines < 1000))
        {
            Console.Error.WriteLine("usage: alloc [--lines N]   (N >= 1000)");
            return 1;
        }

        var ordinaryN = BenchData.Create(lines, ordinaryOnly: true);
        var ordinary2N = BenchData.Create(2 * lines, ordinaryOnly: true);
        var mixedN = BenchData.Create(lines);
        var mixed2N = BenchData.Create(2 * lines);
        Check.Equal(0, ordinary2N.Stats.ByElbStatusCode.Where(kv => kv.Key >= 500).Sum(kv => kv.Value), "5xx entries in the ordinary mix");

        var rows = new List<(string What, double PerEntry, long Fixed)>
        {
            Marginal("LineReader + AlbLogParser.Parse, this thread (ordinary entries)", ordinaryN, ordinary2N, ParseLoop, currentThread: true),
            Marginal("AnalysisSession.Analyze, plain text (ordinary entries)", ordinaryN, ordinary2N, d => Analyze(d, gzip: false, collect: false), currentThread: false),
            Marginal("AnalysisSession.Analyze, gzip (ordinary entries)", ordinaryN, ordinary2N, d => Analyze(d, gzip: true, collect: false), currentThread: false),
            Marginal("AnalysisSession.Analyze, gzip, --entries (ordinary entries)", ordinaryN, ordinary2N, d => Analyze(d, gzip: true, collect: true), currentThread: false),
            Marginal("AnalysisSession.Analyze, gzip, default mix (1.4 % 502, 1.3 % other 5xx)", mixedN, mixed2N, d => Analyze(d, gzip: true, collect: false), currentThread: false),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Steady-state allocation, marginal over {lines:N0} → {2 * lines:N0} entries (.NET {Environment.Version}, {WarmUpRuns} warm-up runs, median of {MeasuredRuns}):"));
        Console.WriteLine();
        Console.WriteLine("| path | bytes allocated per entry | fixed bytes per object (intercept) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (what, perEntry, fixedBytes) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {perEntry:0.00} | {fixedBytes:N0} |"));
        }
        return 0;
    }

    private static (string, double, long) Marginal(string what, BenchData n, BenchData twoN, Func<BenchData, long> run, bool currentThread)
    {
        long Measure(BenchData data)
        {
            long before = currentThread ? GC.GetAllocatedBytesForCurrentThread() : GC.GetTotalAllocatedBytes(precise: true);
            long result = run(data);
            long after = currentThread ? GC.GetAllocatedBytesForCurrentThread() : GC.GetTotalAllocatedBytes(precise: true);
            Check.Equal(data.Stats.Entries, result, $"entries seen by '{what}'");
            return after - before;
        }

        for (int i = 0; i < WarmUpRuns; i++)
        {
            Measure(n);
            Measure(twoN);
        }
        var small = new List<long>();
        var large = new List<long>();
        for (int i = 0; i < MeasuredRuns; i++)
        {
            small.Add(Measure(n));
            large.Add(Measure(twoN));
        }
        long a = Median(small), b = Median(large);
        long entries = twoN.Stats.Entries - n.Stats.Entries;
        double perEntry = (double)(b - a) / entries;
        long intercept = a - (long)(perEntry * n.Stats.Entries);
        return (what, perEntry, intercept);
    }

    private static long Median(List<long> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static long ParseLoop(BenchData data)
    {
        using var reader = new LineReader(new MemoryStream(data.Plain, writable: false));
        long entries = 0;
        while (true)
        {
            var result = reader.Read(out var line);
            if (result == LineReadResult.End) break;
            if (result == LineReadResult.Line && AlbLogParser.Parse(line, out _, out _) == LineVerdict.Entry) entries++;
        }
        return entries;
    }

    private static long Analyze(BenchData data, bool gzip, bool collect)
    {
        using var session = new AnalysisSession(new AnalysisOptions { CollectEntries = collect });
        var outcome = session.Analyze(gzip ? "alloc.log.gz" : "alloc.log", new MemoryStream(gzip ? data.Gzip : data.Plain, writable: false));
        return outcome.Entries;
    }
}
