namespace AlbLogLambda.Cli.Tests.Replay;

/// <summary>Option combinations `alblog replay` refuses before it touches S3 (exit code 1, a reason on standard error).</summary>
public sealed class ReplayOptionsTests
{
    [Theory]
    [InlineData("give exactly one of --out DIR and --invoke", "--bucket", "b")]
    [InlineData("give exactly one of --out DIR and --invoke", "--bucket", "b", "--out", "x", "--invoke")]
    [InlineData("--batch goes with --out", "--bucket", "b", "--invoke", "--batch", "5")]
    [InlineData("--batch must be between 1 and 1000", "--bucket", "b", "--out", "x", "--batch", "0")]
    [InlineData("--batch must be between 1 and 1000", "--bucket", "b", "--out", "x", "--batch", "1001")]
    [InlineData("--publish goes with --invoke", "--bucket", "b", "--out", "x", "--publish")]
    [InlineData("--from 'yesterday' is not an ISO 8601 time", "--bucket", "b", "--out", "x", "--from", "yesterday")]
    [InlineData("--to '2026-11-24T10:00' is not an ISO 8601 time", "--bucket", "b", "--out", "x", "--to", "2026-11-24T10:00")]
    [InlineData("--from is later than --to", "--bucket", "b", "--out", "x", "--from", "2026-11-24T10:05Z", "--to", "2026-11-24T10:00Z")]
    public void Replay_InconsistentOptions_UsageError(string reason, params string[] options)
    {
        var result = CliRunner.Run(["replay", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists("x"));
    }

    [Fact]
    public void Replay_NoBucket_UsageError()
    {
        var result = CliRunner.Run(["replay", "--out", "x"]);

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--bucket", result.Error, StringComparison.Ordinal);
    }
}
