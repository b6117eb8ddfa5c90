using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// docs/schemas describe what `alblog analyze` really writes: the JSON report and each --entries line of real runs
/// (the sample log, and inputs that fail or are skipped) validate, and a document that breaks the contract does not.
/// </summary>
public sealed class SchemaTests : IDisposable
{
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private static readonly Lazy<JsonSchema> s_report = new(() => Load("report.schema.json"));
    private static readonly Lazy<JsonSchema> s_entry = new(() => Load("entry.schema.json"));

    /// <summary>docs/schemas/report.schema.json, for other tests' real output.</summary>
    internal static JsonSchema ReportSchema => s_report.Value;

    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Report_SampleAndBadInputs_ValidatesAgainstTheSchema()
    {
        var inputs = BadInputs().Prepend(CliRunner.Fixture("logs", SampleName)).ToArray();

        var result = CliRunner.Run(["analyze", .. inputs, "--format", "json"]);

        Assert.Equal(2, result.ExitCode);
        var report = JsonNode.Parse(result.RawOut)!;
        var statuses = report["objects"]!.AsArray().Select(o => (string)o!["status"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "ok", "failed", "skipped" }, statuses);
        AssertValid(s_report.Value, report);
    }

    [Fact]
    public void Entries_SampleLog_EveryLineValidatesAgainstTheSchema()
    {
        string entries = Path.Combine(_dir, "5xx.ndjson");

        var result = CliRunner.Run(["analyze", CliRunner.Fixture("logs", SampleName), "--entries", entries]);

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(entries);
        Assert.True(lines.Length > 100, $"{lines.Length} entries");
        Assert.Contains(lines, l => l.Contains("\"hypothesis\":\"keep-alive-race\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"elbStatus\":503", StringComparison.Ordinal));
        foreach (var line in lines) AssertValid(s_entry.Value, JsonNode.Parse(line)!);
    }

    [Theory]
    [InlineData("$.http502", null)]
    [InlineData("$.objects[0].status", "\"finished\"")]
    [InlineData("$.causes[0].id", "\"keep-alive\"")]
    [InlineData("$.entries", "-1")]
    [InlineData("$.window.first", "\"2026-11-24 10:00\"")]
    public void Report_BrokenContract_FailsValidation(string path, string? replacement)
    {
        var report = JsonNode.Parse(CliRunner.Run(["analyze", CliRunner.Fixture("logs", SampleName), "--format", "json"]).RawOut)!;
        var (parent, name) = Locate(report, path);
        if (replacement is null) parent.AsObject().Remove(name);
        else parent[name] = JsonNode.Parse(replacement);

        Assert.False(s_report.Value.Evaluate(JsonDocument.Parse(report.ToJsonString()).RootElement).IsValid, path);
    }

    [Fact]
    public void Entry_BrokenContract_FailsValidation()
    {
        var good = JsonNode.Parse("""{"source":"a.log","line":3,"elbStatus":502,"targetStatus":null,"origin":"load-balancer","cause":"target-connection-failed","hypothesis":"target-down","target":"10.0.1.2:80"}""")!;
        var noCause = JsonNode.Parse("""{"source":"a.log","line":3,"elbStatus":502,"targetStatus":null,"origin":null,"cause":null,"hypothesis":null,"target":null}""")!;
        var causeOn503 = JsonNode.Parse("""{"source":"a.log","line":3,"elbStatus":503,"targetStatus":"503","origin":"target","cause":"target-returned-502","hypothesis":null,"target":null}""")!;

        AssertValid(s_entry.Value, good);
        Assert.False(s_entry.Value.Evaluate(JsonDocument.Parse(noCause.ToJsonString()).RootElement).IsValid);
        Assert.False(s_entry.Value.Evaluate(JsonDocument.Parse(causeOn503.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void Report_TruncatedGzip_ErrorCountsTheDecodedBytesTheObjectReports()
    {
        var whole = File.ReadAllBytes(CliRunner.Fixture("logs", SampleName));
        string cut = Path.Combine(_dir, "cut.log.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length * 2 / 3)]);

        var result = CliRunner.Run(["analyze", cut, "--format", "json"]);

        var o = JsonNode.Parse(result.RawOut)!["objects"]![0]!;
        long decoded = (long)o["decodedBytes"]!;
        Assert.True(decoded > 0);
        Assert.Contains($"after {decoded:N0} decoded bytes", (string)o["error"]!, StringComparison.Ordinal);
    }

    /// <summary>A truncated gzip (failed), a text file that is no access log (failed), a connection log name (skipped).</summary>
    private IEnumerable<string> BadInputs()
    {
        var whole = File.ReadAllBytes(CliRunner.Fixture("logs", SampleName));
        string cut = Path.Combine(_dir, "cut.log.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        yield return cut;
        string notLog = Path.Combine(_dir, "notes.log");
        File.WriteAllText(notLog, "hello\nworld\n");
        yield return notLog;
        string connection = Path.Combine(_dir, "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_conn_log.log.gz");
        using (var file = File.Create(connection))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes("2026-11-24T10:00:00.000000Z 203.0.113.5 4444 443 TLSv1.2 - - - - - - - -\n"));
        }
        yield return connection;
    }

    private static (JsonNode Parent, string Name) Locate(JsonNode root, string path)
    {
        var parts = path[2..].Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        foreach (var part in parts[..^1]) node = int.TryParse(part, out int i) ? node[i]! : node[part]!;
        return (node, parts[^1]);
    }

    internal static void AssertValid(JsonSchema schema, JsonNode document)
    {
        var results = schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}");
        Assert.True(results.IsValid, string.Join("\n", errors));
    }

    private static JsonSchema Load(string name) => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", name)));

    [Fact]
    public void Schemas_CauseAndHypothesisIds_AreExactlyTheCatalogs()
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "docs", "schemas", "report.schema.json")))!;
        var causes = report["$defs"]!["causeId"]!["enum"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal);
        var hypotheses = report["$defs"]!["hypothesisId"]!["enum"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal);

        Assert.Equal(AlbLogLambda.Core.Classification.CauseCatalog.Causes.Select(c => c.Id).Order(StringComparer.Ordinal), causes);
        Assert.Equal(Enum.GetValues<AlbLogLambda.Core.Classification.Hypothesis>().Where(h => h != AlbLogLambda.Core.Classification.Hypothesis.None)
            .Select(AlbLogLambda.Core.Classification.CauseCatalog.Id).Order(StringComparer.Ordinal), hypotheses);
    }
}
