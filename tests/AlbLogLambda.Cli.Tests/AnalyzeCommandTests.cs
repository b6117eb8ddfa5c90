using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AlbLogLambda.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private const string Elb = "app/my-alb/50dc6c495c0c9188";
    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-cli-").FullName;

    private static string Line(string target, string times, string status, string request = "GET https://shop.example.com:443/cart?session=abc123 HTTP/1.1") =>
        $"https 2026-11-24T10:03:12.123456Z {Elb} 198.51.100.7:51234 {target} {times} {status} 120 560 \"{request}\" \"curl/8.4.0\" "
        + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067 "
        + "\"Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5\" \"shop.example.com\" \"session-reused\" 1 2026-11-24T10:03:12.110000Z \"forward\" \"-\" \"-\" "
        + $"\"{target}\" \"{status.Split(' ')[1]}\" \"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286\n";

    private string Write(string name, string content, bool gzip = false)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = Encoding.UTF8.GetBytes(content);
        if (gzip)
        {
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    [Fact]
    public void Analyze_ReadmeExampleCommand_RunsAndReportsEveryCause()
    {
        var root = CliRunner.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        const string Prefix = "dotnet run --project src/AlbLogLambda.Cli -- ";
        var command = readme.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(Prefix + "analyze", StringComparison.Ordinal));
        var args = command[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.StartsWith("tests/", StringComparison.Ordinal) ? Path.Combine(root, a) : a).ToArray();

        var result = CliRunner.Run(args);

        Assert.Equal(0, result.ExitCode);
        foreach (var id in new[] { "target-connection-failed", "target-closed-connection", "lambda-response-too-large", "lambda-unhandled",
                     "lambda-throttled", "lambda-invalid-response", "lambda-error", "fixed-response", "load-balancer-other", "target-returned-502",
                     "target-response-invalid", "lambda-internal-error",
                     "keep-alive-race", "long-request-cut", "target-crash", "target-down", "intermittent", "tls-handshake", "tls-handshake-timeout" })
        {
            Assert.Contains(id, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Analyze_JsonFormat_PrintsOneSchemaVersion2Document()
    {
        var path = Write("a.log.gz", Line("10.0.1.12:8080", "-1 -1 -1", "502 -") + Line("10.0.1.12:8080", "0.001 0.020 0.000", "200 200"), gzip: true);

        var result = CliRunner.Run(["analyze", path, "--format", "json"]);

        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.RawOut).RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(2, root.GetProperty("entries").GetInt32());
        Assert.Equal("target-connection-failed", root.GetProperty("causes")[0].GetProperty("id").GetString());
        Assert.Equal("intermittent", root.GetProperty("causes")[0].GetProperty("hypotheses")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void Analyze_QueryStrings_AreRemovedUnlessShowQuery()
    {
        var path = Write("a.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -"));

        Assert.DoesNotContain("session=abc123", CliRunner.Run(["analyze", path]).Out, StringComparison.Ordinal);
        Assert.Contains("session=abc123", CliRunner.Run(["analyze", path, "--show-query"]).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MissingInput_ExitsTwoNamingIt_AndStillReportsTheOthers()
    {
        var good = Write("good.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -"));
        var missing = Path.Combine(_dir, "missing.log.gz");

        var result = CliRunner.Run(["analyze", missing, good, "--format", "json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
        Assert.Contains("no such file", result.Error, StringComparison.Ordinal);
        var root = JsonDocument.Parse(result.RawOut).RootElement;
        Assert.Equal(1, root.GetProperty("http502").GetProperty("total").GetInt32());
        Assert.Equal(["failed", "ok"], root.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("\n\n\n", true)]
    public void Analyze_EmptyOrBlankOnlyObject_ExitsTwo_AndIsFailedWithNoEntry(string content, bool gzip)
    {
        var empty = Write(gzip ? "blank.log.gz" : "empty.log", content, gzip);
        var good = Write("good.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -"));

        var result = CliRunner.Run(["analyze", empty, good, "--format", "json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no access-log entry", result.Error, StringComparison.Ordinal);
        var objects = JsonDocument.Parse(result.RawOut).RootElement.GetProperty("objects").EnumerateArray().ToArray();
        Assert.Equal(["failed", "ok"], objects.Select(o => o.GetProperty("status").GetString()));
        Assert.StartsWith("no access-log entry", objects[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NewlineBombBesideAGoodObject_ExitsTwoNamingTheCap_AndReadsTheGoodOne()
    {
        // 32 MB of blank lines after one entry (a few KB of gzip, generated here): failed at the non-entry cap
        // (100,000 lines in a row), not read to its end and not called ok.
        var bomb = Path.Combine(_dir, "bomb.log.gz");
        using (var file = File.Create(bomb))
        using (var gz = new GZipStream(file, CompressionLevel.Optimal))
        {
            gz.Write(Encoding.UTF8.GetBytes(Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -")));
            var blank = new byte[1 << 20];
            Array.Fill(blank, (byte)'\n');
            for (int i = 0; i < 32; i++) gz.Write(blank);
        }
        var good = Write("good.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -"));

        var result = CliRunner.Run(["analyze", bomb, good, "--format", "json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("MAX_CONSECUTIVE_NON_ENTRIES", result.Error, StringComparison.Ordinal);
        var objects = JsonDocument.Parse(result.RawOut).RootElement.GetProperty("objects").EnumerateArray().ToArray();
        Assert.Equal(["failed", "ok"], objects.Select(o => o.GetProperty("status").GetString()));
        Assert.Equal(1, objects[0].GetProperty("entries").GetInt32());
        Assert.True(objects[0].GetProperty("decodedBytes").GetInt64() < 32L << 20, objects[0].GetProperty("decodedBytes").ToString());
    }

    [Fact]
    public void Analyze_TruncatedGzip_ExitsTwoWithTheReason_AndKeepsWhatWasRead()
    {
        var content = string.Concat(Enumerable.Range(0, 4000).Select(i => Line($"10.0.1.{i % 7}:8080", "0.001 0.004 -1", "502 -")));
        var path = Write("whole.log.gz", content, gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var result = CliRunner.Run(["analyze", path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("truncated", result.Error, StringComparison.Ordinal);
        Assert.Contains("FAILED", result.Out, StringComparison.Ordinal);
        Assert.Contains("target-closed-connection", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Directory_ReadsFilesRecursivelyInSortedOrder()
    {
        Write("b/2.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -"));
        Write("a/1.log.gz", Line("10.0.1.13:8080", "-1 -1 -1", "502 -"), gzip: true);
        Write("a/0.log", Line("10.0.1.14:8080", "0.001 0.004 0.000", "200 200"));

        var result = CliRunner.Run(["analyze", _dir, "--format", "json"]);

        Assert.Equal(0, result.ExitCode);
        var sources = JsonDocument.Parse(result.RawOut).RootElement.GetProperty("objects").EnumerateArray()
            .Select(o => Path.GetRelativePath(_dir, o.GetProperty("source").GetString()!).Replace('\\', '/')).ToArray();
        Assert.Equal(["a/0.log", "a/1.log.gz", "b/2.log"], sources);
    }

    [Fact]
    public void Analyze_StandardInputGzip_IsDetectedByMagicBytes()
    {
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(Encoding.UTF8.GetBytes(Line("10.0.1.12:8080", "0.001 0.004 -1", "502 502")));

        var result = CliRunner.Run(["analyze", "-", "--format", "json"], gz.ToArray());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(result.RawOut).RootElement.GetProperty("http502").GetProperty("target").GetInt32());
    }

    [Fact]
    public void Analyze_EntriesToStandardOutput_PrintsNdjsonInsteadOfTheReport()
    {
        var path = Write("a.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -") + Line("10.0.1.12:8080", "0.001 0.004 0.000", "200 200")
            + Line("-", "-1 -1 -1", "503 -"));

        var result = CliRunner.Run(["analyze", path, "--entries", "-"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("keep-alive-race", JsonDocument.Parse(lines[0]).RootElement.GetProperty("hypothesis").GetString());
        Assert.Equal(503, JsonDocument.Parse(lines[1]).RootElement.GetProperty("elbStatus").GetInt32());
    }

    [Fact]
    public void Analyze_EntriesToFile_WritesNdjsonAndPrintsTheReport()
    {
        var path = Write("a.log", Line("10.0.1.12:8080", "0.001 0.004 -1", "502 -"));
        var entries = Path.Combine(_dir, "entries.ndjson");

        var result = CliRunner.Run(["analyze", path, "--entries", entries]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("HTTP 502 triage", result.Out, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(entries));
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("analyze", "x.log", "--format", "xml")]
    [InlineData("no-such-command")]
    public void Run_UsageErrors_ExitOne(params string[] args)
    {
        Assert.Equal(1, CliRunner.Run(args).ExitCode);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
