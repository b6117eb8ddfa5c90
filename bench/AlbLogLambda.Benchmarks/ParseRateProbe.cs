using System.Diagnostics;
using System.Globalization;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// <c>parserate [--seconds S]</c>: a quick single-thread figure for the issue's "parse + classify at 1.5 GB/s or more
/// of uncompressed log per core", for scripts (run it under <c>taskset -c 0</c>). Same code and data as
/// <see cref="ParseClassifyBenchmarks"/> and <see cref="TokenizerBenchmarks"/> (answers checked first); after a
/// warm-up that lets tiered compilation settle, each is timed repeatedly and the median pass is reported.
/// BenchmarkDotNet's figures are the reference; this one agrees with them within a few percent.
/// </summary>
internal static class ParseRateProbe
{
    public static int Run(string[] args)
    {
        double seconds = 3;
        int at = Array.IndexOf(args, "--seconds");
        if (at >= 0 && (at + 1 >= args.Length || !double.TryParse(args[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)))
        {
            Console.Error.WriteLine("usage: parserate [--seconds S]");
            return 1;
        }
        var parse = new ParseClassifyBenchmarks();
        parse.Setup();
        var tokenize = new TokenizerBenchmarks();
        tokenize.Setup();
        var stats = BenchData.StatsFor(BenchData.DefaultLines);

        Console.WriteLine("| single thread, in-memory lines | MB/s (uncompressed) | lines/s | ns/line |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, pass) in new (string, Func<long>)[]
        {
            ("tokenize", tokenize.Tokenize),
            ("parse", parse.Parse),
            ("parse + classify", parse.ParseAndClassify),
        })
        {
            double median = MedianPassSeconds(pass, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {stats.UncompressedBytes / median / 1e6:N0} | {stats.PhysicalLines / median:N0} | {median * 1e9 / stats.PhysicalLines:0.0} |"));
        }
        return 0;
    }

    private static double MedianPassSeconds(Func<long> pass, double seconds)
    {
        // Tiered compilation promotes a method after 30 calls (and PGO wants them): warm up for at least 50 passes.
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; i < 50 || warmUp.Elapsed.TotalSeconds < seconds / 2; i++) pass();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || times.Count < 5)
        {
            long start = Stopwatch.GetTimestamp();
            pass();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
