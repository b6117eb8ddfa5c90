using System.Diagnostics;

namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// Every bad invocation gets one line on standard error and the README's exit code: 1 for a usage error (unknown
/// option, missing or bad value), 2 for a path that cannot be read or written; never a stack trace, never a report of
/// options taken for input files.
/// </summary>
public sealed class UsageTests : IDisposable
{
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-usage-").FullName;

    private static string Sample => CliRunner.Fixture("logs", SampleName);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[], string> UsageErrors() => new()
    {
        { ["analyze", "SAMPLE", "--formt", "json"], "unknown option '--formt' for 'alblog analyze'; did you mean '--format'?" },
        { ["analyze", "SAMPLE", "--entires", "x.ndjson"], "did you mean '--entries'?" },
        { ["analyze", "SAMPLE", "-x"], "unknown option '-x' for 'alblog analyze'." },
        { ["analyze", "SAMPLE", "--format"], "--format" },
        { ["analyze", "SAMPLE", "--format", "xml"], "'xml'" },
        { ["analyze", "SAMPLE", "--max-line-bytes", "3"], "--max-line-bytes must be at least 16, not 3." },
        { ["analyze", "SAMPLE", "--max-line-bytes", "many"], "many" },
        { ["analyze", "SAMPLE", "--color", "sometimes"], "'sometimes'" },
        { ["analyze"], "analyze" },
        { ["analyse", "SAMPLE"], "unknown command 'analyse'; did you mean 'analyze'?" },
        { ["generate", "--lines", "-1", "--out", "OUT"], "--lines must be at least 1, not -1." },
        { ["generate", "--targets", "0", "--out", "OUT"], "--targets must be at least 1, not 0." },
        { ["generate", "--lines-per-member", "0", "--out", "OUT"], "--lines-per-member must be at least 1, not 0." },
        { ["generate", "--lines", "10"], "exactly one of --out FILE and --fixtures DIR" },
        { ["invoke"], "--event" },
        { ["replay", "--bucket", "b", "--form", "2026-11-24T10:00Z", "--out", "OUT"], "did you mean '--from'?" },
        { ["replay", "--bucket", "b", "--from", "2026-11-24T10:00", "--out", "OUT"], "--from '2026-11-24T10:00' is not an ISO 8601 time with a zone" },
        { ["replay", "--bucket", "b", "--batch", "--out", "OUT"], "--batch" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void BadInvocation_UsageError_OneLineExitOne(string[] args, string expected)
    {
        var result = CliRunner.Run(Resolve(args));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, OneLine(result.Error), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Generate_OutIntoMissingFolder_OneLineExitTwo()
    {
        string path = Path.Combine(_dir, "missing", "big.log.gz");

        var result = CliRunner.Run(["generate", "--out", path, "--lines", "10"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, OneLine(result.Error), StringComparison.Ordinal);
        Assert.Contains("its folder does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_EntriesIntoMissingFolder_ReportsTheRestAndExitsTwo()
    {
        string path = Path.Combine(_dir, "missing", "5xx.ndjson");

        var result = CliRunner.Run(["analyze", Sample, "--entries", path]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"alblog: --entries {path}: ", OneLine(result.Error), StringComparison.Ordinal);
        // Bad input loses nothing else: the report is still printed.
        Assert.Contains("HTTP 502 triage: 126 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UnreadableFile_NamesItAndExitsTwo()
    {
        string path = Path.Combine(_dir, "no-such.log.gz");

        var result = CliRunner.Run(["analyze", path, "--format", "json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"alblog: {path}: no such file or directory", OneLine(result.Error));
    }

    [Fact]
    public void Analyze_UnknownOptionBesideAFile_AnalyzesNothing()
    {
        // Before: "--formt: no such file", "json: no such file" and a report of three objects.
        var result = CliRunner.Run(["analyze", Sample, "--formt", "json"]);

        Assert.DoesNotContain("no such file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("objects", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_DashAloneAndNegativeLookingNames_AreInputsNotOptions()
    {
        var result = CliRunner.Run(["analyze", "-", "--format", "json"], File.ReadAllBytes(Sample));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"entries\":1100", result.Out.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analyze", new[] { "<PATH>", "--entries <FILE>", "--max-line-bytes <N>", "--format <text|json|html>", "--out <FILE>", "--color <auto|always|never>" })]
    [InlineData("generate", new[] { "--out <FILE>", "--fixtures <DIR>", "--lines <N>", "--targets <N>", "--mix <NAME=WEIGHT>" })]
    [InlineData("replay", new[] { "--from <TIME>", "--to <TIME>", "--out <DIR>", "--batch <N>", "--bucket <NAME>" })]
    [InlineData("invoke", new[] { "--event <FILE>" })]
    public void Help_Placeholders_SayWhatTheyAre(string command, string[] placeholders)
    {
        var result = CliRunner.Run([command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(placeholders, p => Assert.Contains(p, result.Out, StringComparison.Ordinal));
        Assert.DoesNotContain("<entries>", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_FromHelp_SaysWhichZonesItAccepts()
    {
        var help = CliRunner.Run(["replay", "--help"]).Out;

        Assert.Contains("ISO 8601 with Z or an offset", help, StringComparison.Ordinal);
        Assert.Contains("without a zone is refused", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_OneMember_IsSingular()
    {
        var result = CliRunner.Run(["generate", "--out", Path.Combine(_dir, "one.log.gz"), "--lines", "1"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wrote 1 entry (", result.Error, StringComparison.Ordinal);
        Assert.Contains(", 1 gzip member)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 objects")]
    [InlineData(1, "1 object")]
    [InlineData(1234, "1,234 objects")]
    public void Plural_Counts_TakeTheRightNumber(long count, string expected)
    {
        Assert.Equal(expected, Plural.Of(count, "object"));
    }

    [Fact]
    public void Suggest_FarFromEveryOption_SuggestsNothing()
    {
        var result = CliRunner.Run(["analyze", Sample, "--zzzzzzzz"]);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("did you mean", result.Error, StringComparison.Ordinal);
    }

    private string[] Resolve(string[] args) =>
        args.Select(a => a switch { "SAMPLE" => Sample, "OUT" => Path.Combine(_dir, "out"), _ => a }).ToArray();

    /// <summary>The one line written, asserting there is exactly one and that it is no stack trace.</summary>
    internal static string OneLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines).TrimEnd('\r');
        Assert.StartsWith("alblog", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        return line;
    }
}

/// <summary>`alblog invoke` with no AWS Region anywhere: a child process with an empty AWS environment.</summary>
[Trait("Category", "Integration")]
public sealed class NoRegionTests
{
    [Fact]
    public async Task Invoke_NoRegion_OneLineExitTwo()
    {
        var home = Directory.CreateTempSubdirectory("alblog-home-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alblog.dll"));
        foreach (var a in new[] { "invoke", "--event", CliRunner.Event("s3-put.json") }) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k == "ALERT_TOPIC_ARN").ToArray())
        {
            start.Environment.Remove(name);
        }
        // No profile files, and no instance metadata service to ask (nothing leaves the machine).
        start.Environment["HOME"] = home;
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("alblog: no AWS Region: set AWS_REGION", UsageTests.OneLine(await stderr), StringComparison.Ordinal);
        Assert.Equal("", await stdout);
        Directory.Delete(home, recursive: true);
    }
}
