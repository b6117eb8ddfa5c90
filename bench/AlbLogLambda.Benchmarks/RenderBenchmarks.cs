using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;
using BenchmarkDotNet.Attributes;

namespace AlbLogLambda.Benchmarks;

/// <summary>Rendering one report (every cause, hypotheses, targets, samples) as text and as JSON.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks : IWorkload
{
    private AnalysisReport _report = null!;
    private readonly MemoryStream _json = new();

    public long LinesPerInvocation => 0;

    public long BytesPerInvocation => 0;

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchData.Create();
        using var session = new AnalysisSession();
        session.Analyze("bench.log.gz", new MemoryStream(data.Gzip, writable: false));
        _report = session.BuildReport();
        BenchData.VerifyReport(data.Stats, _report);

        var text = Text();
        foreach (var cause in data.Stats.By502Cause.Keys)
        {
            if (!text.Contains(cause, StringComparison.Ordinal)) throw new InvalidOperationException($"Wrong answer: the text report does not name cause {cause}.");
        }
        Json();
        using var document = JsonDocument.Parse(_json.ToArray());
        var http502 = document.RootElement.GetProperty("http502");
        Check.Equal(data.Stats.Http502, http502.GetProperty("total").GetInt64() + http502.GetProperty("fixedResponse").GetInt64(), "502s in the JSON report");
    }

    [Benchmark]
    public string Text() => TextReportRenderer.Render(_report);

    [Benchmark]
    public long Json()
    {
        _json.SetLength(0);
        JsonReportWriter.Write(_json, _report);
        return _json.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _json.Dispose();
}
