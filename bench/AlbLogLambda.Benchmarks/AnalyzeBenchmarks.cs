using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Reading;
using BenchmarkDotNet.Attributes;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// The engine end to end on one in-memory object, through its public API: <see cref="AnalysisSession.Analyze"/>
/// (decode, split lines, parse, classify, accumulate) and <see cref="AnalysisSession.BuildReport"/>. Plain input shows
/// the engine without decoding; gzip input is the real case, to compare with <see cref="DecodeBenchmarks"/>.
/// With <see cref="CollectEntries"/> every 5xx entry is also spilled for <c>--entries</c>.
/// </summary>
[MemoryDiagnoser]
public class AnalyzeBenchmarks : IWorkload
{
    private BenchData _data = null!;
    private readonly byte[] _buffer = new byte[DecodeCommand.ReadBytes];

    [Params(false, true)]
    public bool CollectEntries { get; set; }

    public long LinesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).PhysicalLines;

    public long BytesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).UncompressedBytes;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create();
        Check.Equal(_data.Stats.PhysicalLines, SplitLinesPlain(), "lines split");
        BenchData.VerifyReport(_data.Stats, AnalyzeGzip());
        BenchData.VerifyReport(_data.Stats, AnalyzePlain());
    }

    /// <summary>Only the line splitter over the plain text (what the parser is fed).</summary>
    [Benchmark]
    public long SplitLinesPlain()
    {
        using var reader = new LineReader(new MemoryStream(_data.Plain, writable: false));
        long lines = 0;
        while (reader.Read(out _) != LineReadResult.End) lines++;
        return lines;
    }

    /// <summary>Read, parse, classify and accumulate plain text: the engine's work without decoding.</summary>
    [Benchmark]
    public AnalysisReport AnalyzePlain() => Analyze("bench.log", _data.Plain);

    /// <summary>The whole engine on a gzip object: decode + parse + classify + accumulate + report.</summary>
    [Benchmark]
    public AnalysisReport AnalyzeGzip() => Analyze("bench.log.gz", _data.Gzip);

    /// <summary>Decoding alone, the same bytes, for the ratio: how far the whole engine is from the decoder.</summary>
    [Benchmark(Baseline = true)]
    public long DecodeOnly()
    {
        using var decoded = LogStreamOpener.Open(new MemoryStream(_data.Gzip, writable: false));
        return DecodeCommand.Drain(decoded.Text, _buffer);
    }

    private AnalysisReport Analyze(string source, byte[] bytes)
    {
        using var session = new AnalysisSession(new AnalysisOptions { CollectEntries = CollectEntries });
        session.Analyze(source, new MemoryStream(bytes, writable: false));
        if (CollectEntries) session.WriteEntries(Stream.Null);
        return session.BuildReport();
    }
}
