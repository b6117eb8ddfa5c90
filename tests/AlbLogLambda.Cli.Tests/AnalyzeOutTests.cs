using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AlbLogLambda.Cli.Tests;

/// <summary>`alblog analyze --format html` and `--out FILE`: the report of the committed sample as one self-contained page, in a file.</summary>
public sealed class AnalyzeOutTests : IDisposable
{
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private static readonly string s_sample = CliRunner.Fixture("logs", SampleName);

    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Html_SampleToFile_IsOneSelfContainedPageWithEveryCause()
    {
        var page = Path.Combine(_dir, "report.html");

        var result = CliRunner.Run(["analyze", s_sample, "--format", "html", "--out", page]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        string html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        // Nothing is fetched: no resource reference leaves the page, and there is no script to fetch one.
        Assert.DoesNotMatch(@"\b(src|href)\s*=\s*[""']?\s*(https?:|//)", html);
        Assert.DoesNotMatch(@"url\(\s*[""']?\s*(https?:|//)", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        var causes = JsonDocument.Parse(CliRunner.Run(["analyze", s_sample, "--format", "json"]).RawOut).RootElement.GetProperty("causes")
            .EnumerateArray().Select(c => (Id: c.GetProperty("id").GetString()!, Count: c.GetProperty("count").GetInt64())).ToArray();
        Assert.True(causes.Length >= 10, $"the sample has {causes.Length} causes");
        foreach (var (id, count) in causes) Assert.Contains($"{id}: {count:N0}</h3>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Sample_HasNoQueryStringUnlessShowQuery()
    {
        var queries = SampleQueryStrings();
        var hidden = Path.Combine(_dir, "hidden.html");
        var shown = Path.Combine(_dir, "shown.html");

        Assert.Equal(0, CliRunner.Run(["analyze", s_sample, "--format", "html", "--out", hidden]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["analyze", s_sample, "--format", "html", "--out", shown, "--show-query"]).ExitCode);

        Assert.NotEmpty(queries);
        string html = File.ReadAllText(hidden);
        foreach (var query in queries) Assert.DoesNotContain(WebUtility.HtmlEncode(query), html, StringComparison.Ordinal);
        string withQueries = File.ReadAllText(shown);
        Assert.Contains(queries, q => withQueries.Contains(WebUtility.HtmlEncode(q), StringComparison.Ordinal));
    }

    [Fact]
    public void Html_WithoutOut_GoesToStandardOutput()
    {
        var result = CliRunner.Run(["analyze", s_sample, "--format", "html"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("html")]
    public void Out_AnyFormat_WritesToTheFileWhatStandardOutputWouldGet(string format)
    {
        var file = Path.Combine(_dir, "report." + format);

        var toFile = CliRunner.Run(["analyze", s_sample, "--format", format, "--out", file, "--color", "always"]);
        var toStdout = CliRunner.Run(["analyze", s_sample, "--format", format, "--color", "never"]);

        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal("", toFile.Out);
        Assert.Equal(toStdout.Out, File.ReadAllText(file));
    }

    [Fact]
    public void Out_WithEntriesToStandardOutput_WritesBoth()
    {
        var file = Path.Combine(_dir, "report.json");

        var result = CliRunner.Run(["analyze", s_sample, "--format", "json", "--out", file, "--entries", "-"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).RootElement.GetProperty("elbStatus"));
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Out_IntoAMissingFolder_IsOneLineAndExitTwo()
    {
        var file = Path.Combine(_dir, "no-such-folder", "report.html");

        var result = CliRunner.Run(["analyze", s_sample, "--format", "html", "--out", file]);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"alblog: --out {file}: ", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Out_IntoAFolder_IsOneLineAndExitTwo()
    {
        var result = CliRunner.Run(["analyze", s_sample, "--out", _dir]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"alblog: --out {_dir}: ", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Out_SameFileAsAnInput_IsAUsageErrorAndLeavesTheLogAlone()
    {
        var log = Path.Combine(_dir, "copy.log.gz");
        File.Copy(s_sample, log);
        var before = File.ReadAllBytes(log);

        var result = CliRunner.Run(["analyze", log, "--format", "html", "--out", log]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is also an input", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(log));
    }

    [Fact]
    public void Format_Bogus_IsStillAUsageErrorNamingTheChoices()
    {
        var result = CliRunner.Run(["analyze", s_sample, "--format", "bogus", "--out", Path.Combine(_dir, "r.html")]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("html", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "r.html")));
    }

    /// <summary>Every distinct query string ("?a=b&amp;c=d") of the sample's request URLs, read from the log itself.</summary>
    private static string[] SampleQueryStrings()
    {
        using var file = File.OpenRead(s_sample);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var url = Regex.Match(line, "\"[A-Z]+ ([^ \"]+) HTTP/").Groups[1].Value;
            int question = url.IndexOf('?', StringComparison.Ordinal);
            if (question >= 0) found.Add(url[question..]);
        }
        return found.ToArray();
    }

    [Fact]
    public void Out_EmptyPath_IsAUsageErrorInOneLine()
    {
        var result = CliRunner.Run(["analyze", s_sample, "--out", ""]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("alblog: --out needs a file name", result.Error.Trim());
        Assert.Equal("", result.Out);
    }
}
