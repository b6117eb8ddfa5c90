using AlbLogLambda.Core.Parsing;
using BenchmarkDotNet.Attributes;

namespace AlbLogLambda.Benchmarks;

/// <summary>The field splitter alone, over lines already in memory.</summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks : IWorkload
{
    private BenchData _data = null!;

    public long LinesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).PhysicalLines;

    public long BytesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).UncompressedBytes;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create();
        long expected = _data.Stats.ByFieldCount.Sum(kv => (long)kv.Key * kv.Value);
        Check.Equal(expected, Tokenize(), "fields over all lines");
    }

    /// <summary>Splits every line into its fields; returns the number of fields.</summary>
    [Benchmark]
    public long Tokenize()
    {
        var data = _data;
        long fields = 0;
        Span<FieldBounds> bounds = stackalloc FieldBounds[AlbLogParser.KnownFieldCount];
        for (int i = 0; i < data.LineCount; i++)
        {
            fields += AlbLogTokenizer.Split(data.Line(i), bounds);
        }
        return fields;
    }
}
