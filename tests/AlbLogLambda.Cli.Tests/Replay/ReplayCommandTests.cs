using System.Net;
using System.Text.Json;
using AlbLogLambda.Cli.Commands;
using AlbLogLambda.TestSupport;
using static AlbLogLambda.Cli.Tests.Replay.ReplayBucketFixture;

namespace AlbLogLambda.Cli.Tests.Replay;

/// <summary>
/// `alblog replay` against a real S3-compatible server (s3rver on 127.0.0.1) holding a day of access logs from two
/// load balancers: listing past the first page, range, prefix and load-balancer filters, resume after an interruption,
/// URL-encoded keys going through the written events into the handler, and in-process invocation.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class ReplayCommandTests(ReplayBucketFixture bucket) : IClassFixture<ReplayBucketFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-replay-").FullName;

    [Fact]
    public void Out_WholeBucket_ListsPastTheFirstPageAndKeepsOnlyAccessLogs()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "all");

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--out", output, "--batch", "100"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = bucket.AccessLogs.Select(a => a.Key).Concat(bucket.OtherPrefixAccessLogs).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(1_154, expected.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"event-{n:D5}.json"), EventFiles(output));
        Assert.Equal(expected, RecordKeys(output)); // every access log once, in key order across the files
        Assert.Contains("for 1,154 objects", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_RangeAndPrefix_WritesOneEventPerObjectInKeyOrderWithInclusiveBounds()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "range");

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", Prefix, "--from", "2026-11-24T10:00Z", "--to", "2026-11-24T11:00:00.000Z", "--out", output]);

        Assert.True(result.ExitCode == 0, result.Error);
        var from = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var to = from.AddHours(1);
        var expected = bucket.AccessLogs.Where(a => a.End >= from && a.End <= to).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(13 * 2 * 2, expected.Count); // 10:00 … 11:00, both ends included, two load balancers, two nodes
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(n => $"event-{n:D5}.json"), EventFiles(output));
        Assert.All(EventFiles(output), f => Assert.Single(Records(Path.Combine(output, f))));
        Assert.Equal(expected, RecordKeys(output));
        Assert.DoesNotContain(RecordKeys(output), k => k.StartsWith("other/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("other-alb", OtherAlb)]
    [InlineData(MyAlb, MyAlb)]
    public void Out_LoadBalancer_KeepsThatLoadBalancerOnly(string option, string expectedLoadBalancer)
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "lb-" + option.Replace('/', '-'));

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", Prefix, "--load-balancer", option, "--out", output, "--batch", "1000"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            bucket.AccessLogs.Where(a => a.LoadBalancer == expectedLoadBalancer).Select(a => a.Key).Order(StringComparer.Ordinal),
            RecordKeys(output));
    }

    [Fact]
    public void Out_UnknownLoadBalancer_WritesNothingAndSaysSo()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "none");

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--load-balancer", "my", "--out", output]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(EventFiles(output));
        Assert.Contains("No ALB access-log object of s3://alb-logs-replay/ matches", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_RegionFolderPrefixAndRange_ListsTheDaysAndFindsTheObjectDeliveredAfterMidnight()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "midnight");

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", RegionFolder, "--from", "2026-11-24T23:50Z", "--to", "2026-11-24T23:55Z", "--out", output]);

        Assert.True(result.ExitCode == 0, result.Error);
        var keys = RecordKeys(output);
        Assert.Equal(8, keys.Count);
        Assert.Equal(4, keys.Count(k => k.Contains("/2026/11/25/", StringComparison.Ordinal) && k.Contains("_20261124T2355Z_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Out_InterruptedThenRunAgain_ResumesWithoutDuplicatesOrGaps()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "resume");
        var request = new ReplayCommand.ReplayRequest(Bucket, Prefix, "2026-11-24T10:00Z", "2026-11-24T11:00Z", OutDirectory: output);
        using var interrupt = new CancellationTokenSource();
        // Ctrl+C as soon as the first progress line (a tenth of the work) is out.
        var stderr = new InterruptingWriter(interrupt, "objects (");
        var console = new CliConsole(new StringWriter(), stderr, () => Stream.Null, () => Stream.Null);

        int interrupted = await ReplayCommand.RunAsync(request, console, TimeProvider.System, interrupt.Token);
        int writtenBefore = EventFiles(output).Count;
        var resumed = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", Prefix, "--from", "2026-11-24T10:00Z", "--to", "2026-11-24T11:00Z", "--out", output]);

        Assert.Equal(ExitCodes.Interrupted, interrupted);
        Assert.Contains("run the same command again to continue", stderr.ToString(), StringComparison.Ordinal);
        Assert.InRange(writtenBefore, 1, 51);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains(writtenBefore == 1 ? "; 1 object already there was skipped." : $"; {writtenBefore} objects already there were skipped.", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 52).Select(n => $"event-{n:D5}.json"), EventFiles(output));
        var keys = RecordKeys(output);
        Assert.Equal(keys.Distinct(StringComparer.Ordinal).Count(), keys.Count);
        Assert.Equal(52, keys.Count);
    }

    [Fact]
    public void Out_OneObject_SaysSoInTheSingularAndAgainWhenThereIsNothingLeftToDo()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "one");
        // A whole key as the prefix: exactly one object matches.
        var key = Key(Prefix, MyAlb, new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero), Nodes[0]);

        var first = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", key, "--out", output]);
        var again = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", key, "--out", output]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Wrote 1 event file (event-00001.json to event-00001.json) for 1 object (", first.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains($"Nothing to do: the matching object of s3://{Bucket}/{key} is already in {output}.", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_EncodedKeys_RoundTripThroughTheEventIntoTheHandler()
    {
        using var environment = S3Environment();
        var output = Path.Combine(_dir, "roundtrip");
        var key = Key(Prefix, MyAlb, new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero), Nodes[0]);

        var replay = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", Prefix, "--from", "2026-11-24T10:05Z", "--to", "2026-11-24T10:05Z",
            "--load-balancer", "my-alb", "--out", output, "--batch", "2"]);
        var eventFile = Path.Combine(output, "event-00001.json");
        var invoke = CliRunner.Run(["invoke", "--event", eventFile]);

        Assert.True(replay.ExitCode == 0, replay.Error);
        var raw = File.ReadAllText(eventFile);
        Assert.Contains("\"key\": \"alb+logs/env%3Dprod/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/", raw, StringComparison.Ordinal);
        Assert.True(invoke.ExitCode == 0, invoke.Error);
        using var response = JsonDocument.Parse(invoke.RawOut);
        var objects = response.RootElement.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal("ok", o.GetProperty("status").GetString()));
        Assert.Contains(objects, o => o.GetProperty("key").GetString() == key);
        var summary = Assert.Single(response.RootElement.GetProperty("summaries").EnumerateArray().ToList());
        Assert.Equal(MyAlb, summary.GetProperty("loadBalancer").GetString());
        Assert.True(summary.GetProperty("http502").GetInt64() > 0);
    }

    [Fact]
    public async Task Invoke_WithoutPublish_RunsOnePerLoadBalancerAndIntervalAndSendsNothing()
    {
        await using var sns = new RecordingHttpServer { Fallback = s_publishResponse };
        using var environment = S3Environment(("ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alb-502"), ("AWS_ENDPOINT_URL_SNS", sns.BaseUri.AbsoluteUri));

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", Prefix, "--from", "2026-11-24T10:00Z", "--to", "2026-11-24T10:10Z", "--invoke"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = InvocationLines(result.Out);
        Assert.Equal(
            [
                $"2026-11-24 10:00Z  {MyAlb}", $"2026-11-24 10:00Z  {OtherAlb}",
                $"2026-11-24 10:05Z  {MyAlb}", $"2026-11-24 10:05Z  {OtherAlb}",
                $"2026-11-24 10:10Z  {MyAlb}", $"2026-11-24 10:10Z  {OtherAlb}",
            ],
            lines.Select(l => l[..(l.IndexOf("  ", 19, StringComparison.Ordinal))]));
        Assert.All(lines, l => Assert.Contains("  2 objects  ", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.EndsWith("[dry run]", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ALB 502: other-alb ", StringComparison.Ordinal));
        Assert.Contains("Replayed 12 objects", result.Out, StringComparison.Ordinal);
        Assert.Contains("(dry run: add --publish", result.Out, StringComparison.Ordinal);
        Assert.Empty(sns.Requests);
    }

    [Fact]
    public async Task Invoke_WithPublish_PublishesOneMessagePerLoadBalancerAndInterval()
    {
        await using var sns = new RecordingHttpServer { Fallback = s_publishResponse };
        using var environment = S3Environment(("ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alb-502"), ("AWS_ENDPOINT_URL_SNS", sns.BaseUri.AbsoluteUri));

        var result = CliRunner.Run(["replay", "--bucket", Bucket, "--prefix", Prefix, "--from", "2026-11-24T10:00Z", "--to", "2026-11-24T10:05Z", "--invoke", "--publish"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.All(InvocationLines(result.Out), l => Assert.EndsWith("[published]", l, StringComparison.Ordinal));
        Assert.Equal(4, sns.Requests.Count);
        var subjects = sns.Requests.Select(r => WebUtility.UrlDecode(Form(r.BodyText)["Subject"])).Order(StringComparer.Ordinal).ToList();
        Assert.StartsWith("ALB 502: my-alb ", subjects[0], StringComparison.Ordinal);
        Assert.EndsWith("(2026-11-24 10:00Z)", subjects[0], StringComparison.Ordinal);
        Assert.All(sns.Requests, r => Assert.Equal("arn:aws:sns:us-east-1:123456789012:alb-502", WebUtility.UrlDecode(Form(r.BodyText)["TopicArn"])));
    }

    [Fact]
    public void Replay_MissingBucket_FailsWithTheS3Error()
    {
        using var environment = S3Environment();

        var result = CliRunner.Run(["replay", "--bucket", "no-such-bucket", "--out", Path.Combine(_dir, "missing")]);

        Assert.Equal(ExitCodes.InputFailed, result.ExitCode);
        Assert.Contains("listing s3://no-such-bucket/ failed: NoSuchBucket", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static readonly ScriptedResponse s_publishResponse =
        new(200, "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>");

    private EnvironmentScope S3Environment(params (string Name, string? Value)[] extra) =>
        EnvironmentScope.ForLocalS3(bucket.Server.ServiceUrl, extra);

    private static List<string> EventFiles(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];

    private static List<JsonElement> Records(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        return document.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.Clone()).ToList();
    }

    /// <summary>The decoded keys of every record of every event file, in file order.</summary>
    private static List<string> RecordKeys(string folder) =>
        EventFiles(folder).SelectMany(f => Records(Path.Combine(folder, f)))
            .Select(r => WebUtility.UrlDecode(r.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!))
            .ToList();

    private static List<string> InvocationLines(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("2026-", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).ToList();

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    /// <summary>Standard error that "presses Ctrl+C" when a line containing <paramref name="trigger"/> is written.</summary>
    private sealed class InterruptingWriter(CancellationTokenSource interrupt, string trigger) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(trigger, StringComparison.Ordinal)) interrupt.Cancel();
        }
    }
}
