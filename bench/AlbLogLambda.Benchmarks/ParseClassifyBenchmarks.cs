using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Parsing;
using BenchmarkDotNet.Attributes;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// Parsing every line into an <see cref="AlbLogRecord"/> and classifying the 502s, over lines already in memory:
/// the per-core work of the engine without decoding, line splitting or accumulation. The target for
/// parse + classify is 1.5 GB/s of uncompressed log per core (the MB/s column).
/// </summary>
[MemoryDiagnoser]
public class ParseClassifyBenchmarks : IWorkload
{
    private BenchData _data = null!;
    private readonly Http502Classifier _classifier = new();
    private readonly long[] _byCause = new long[Enum.GetValues<Http502Cause>().Length];

    public long LinesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).PhysicalLines;

    public long BytesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).UncompressedBytes;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create();
        var stats = _data.Stats;
        Check.Equal(stats.Entries, Parse(), "entries parsed");
        Check.Equal(stats.Http502, ParseAndClassify(), "502 entries classified");
        foreach (var (cause, count) in stats.By502Cause)
        {
            Check.Equal(count, _byCause[(int)(CauseCatalog.TryParse(cause, out var c) ? c : throw new InvalidOperationException(cause))], $"502s of cause {cause}");
        }
    }

    /// <summary>Parses every line; returns the number of entries.</summary>
    [Benchmark(Baseline = true)]
    public long Parse()
    {
        var data = _data;
        long entries = 0;
        for (int i = 0; i < data.LineCount; i++)
        {
            if (AlbLogParser.Parse(data.Line(i), out _, out _) == LineVerdict.Entry) entries++;
        }
        return entries;
    }

    /// <summary>Parses every line and classifies each 502 (counted by cause); returns the number of 502s.</summary>
    [Benchmark]
    public long ParseAndClassify()
    {
        var data = _data;
        var byCause = _byCause;
        Array.Clear(byCause);
        long http502 = 0;
        for (int i = 0; i < data.LineCount; i++)
        {
            if (AlbLogParser.Parse(data.Line(i), out var entry, out _) == LineVerdict.Entry && entry.ElbStatusCode == 502)
            {
                http502++;
                byCause[(int)_classifier.Classify(entry).Cause]++;
            }
        }
        return http502;
    }
}
