using System.Diagnostics;
using System.Text.Json;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Cli.Tests;

/// <summary>`alblog invoke` as a user runs it: a child process, the sample event file, S3 on a local s3rver.</summary>
[Trait("Category", "Integration")]
public sealed class InvokeCommandTests : IAsyncLifetime
{
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";
    private S3rverServer _s3 = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverServer.StartAsync();
        await _s3.CreateBucketAsync("alb-access-logs-123456789012");
    }

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    [Fact]
    public async Task Invoke_SampleS3EventWithEncodedKey_RunsTheHandlerAndPrintsTheDryRunAlert()
    {
        // The key in events/s3-put.json, decoded: "alb+logs/env%3Dprod/..." is "alb logs/env=prod/...".
        var sample = await File.ReadAllBytesAsync(CliRunner.Fixture("logs", SampleName));
        await _s3.PutObjectAsync("alb-access-logs-123456789012", "alb logs/env=prod/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/" + SampleName, sample);

        var (exit, stdout, stderr) = await RunAlblogAsync(["invoke", "--event", CliRunner.Event("s3-put.json")]);

        Assert.Equal(0, exit);
        var response = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("ok", response.GetProperty("objects")[0].GetProperty("status").GetString());
        Assert.Equal(1100, response.GetProperty("objects")[0].GetProperty("entries").GetInt32());
        Assert.Contains("alert (dry run: ALERT_TOPIC_ARN is not set)", stderr, StringComparison.Ordinal);
        Assert.Contains("Subject: ALB 502: my-alb 113 from LB, 13 from targets (2026-11-24 10:05Z)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ObjectMissingFromTheBucket_ReportsItFailedAndStillAnswers()
    {
        var (exit, stdout, _) = await RunAlblogAsync(["invoke", "--event", CliRunner.Event("s3-put.json")]);

        Assert.Equal(0, exit);
        var result = JsonDocument.Parse(stdout).RootElement.GetProperty("objects")[0];
        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Contains("NoSuchKey", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NotAnEvent_ExitsTwoWithAClearMessage()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, """{"hello":"world"}""");

        var (exit, _, stderr) = await RunAlblogAsync(["invoke", "--event", path]);

        Assert.Equal(2, exit);
        Assert.Contains("alblog:", stderr, StringComparison.Ordinal);
        File.Delete(path);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAlblogAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alblog.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k == "ALERT_TOPIC_ARN").ToArray())
        {
            start.Environment.Remove(name);
        }
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ENDPOINT_URL_S3"] = _s3.ServiceUrl.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = S3rverServer.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = S3rverServer.SecretAccessKey;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
