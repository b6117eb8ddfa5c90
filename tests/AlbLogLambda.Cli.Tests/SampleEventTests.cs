using System.Net;
using System.Text.Json;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// The sample events in events/ are real: with the sample log uploaded under every key they name (to
/// s3rver on 127.0.0.1), `alblog invoke --event` runs the handler on each and every object is analyzed.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class SampleEventTests : IAsyncLifetime
{
    private const string SampleLog =
        "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private S3rverServer? _server;

    public static TheoryData<string> EventFiles() => new(
        Directory.GetFiles(CliRunner.Event(), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    public async Task InitializeAsync()
    {
        _server = await S3rverServer.StartAsync();
        var content = await File.ReadAllBytesAsync(CliRunner.Fixture("logs", SampleLog));
        var objects = Directory.GetFiles(CliRunner.Event(), "*.json")
            .SelectMany(f => ObjectsNamedBy(JsonDocument.Parse(File.ReadAllBytes(f)).RootElement)).Distinct().ToList();
        foreach (var bucket in objects.Select(o => o.Bucket).Distinct(StringComparer.Ordinal)) await _server.CreateBucketAsync(bucket);
        foreach (var (bucket, key) in objects) await _server.PutObjectAsync(bucket, key, content);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(EventFiles))]
    public void Invoke_SampleEvent_AnalyzesEveryObjectItNames(string eventFile)
    {
        using var environment = EnvironmentScope.ForLocalS3(_server!.ServiceUrl);
        var expected = ObjectsNamedBy(JsonDocument.Parse(File.ReadAllBytes(CliRunner.Event(eventFile))).RootElement);

        var result = CliRunner.Run(["invoke", "--event", CliRunner.Event(eventFile)]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var response = JsonDocument.Parse(result.RawOut);
        var objects = response.RootElement.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(expected.Select(o => o.Key).Order(StringComparer.Ordinal), objects.Select(o => o.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(objects, o => Assert.Equal("ok", o.GetProperty("status").GetString()));
        if (response.RootElement.TryGetProperty("batchItemFailures", out var failures)) Assert.Empty(failures.EnumerateArray());
        if (expected.Count > 0)
        {
            // Each object is the sample log: 126 502s (113 from the load balancer, 13 from targets).
            var summary = Assert.Single(response.RootElement.GetProperty("summaries").EnumerateArray().ToList());
            Assert.Equal(126 * expected.Count, summary.GetProperty("http502").GetInt64());
            Assert.Contains("ALB 502: my-alb ", result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>The (bucket, key) pairs an event names, keys as S3 stores them: S3 notification keys URL-decoded.</summary>
    private static List<(string Bucket, string Key)> ObjectsNamedBy(JsonElement e)
    {
        var objects = new List<(string, string)>();
        if (e.TryGetProperty("Records", out var records))
        {
            foreach (var r in records.EnumerateArray())
            {
                switch (r.GetProperty("eventSource").GetString())
                {
                    case "aws:s3":
                        var s3 = r.GetProperty("s3");
                        objects.Add((s3.GetProperty("bucket").GetProperty("name").GetString()!,
                            WebUtility.UrlDecode(s3.GetProperty("object").GetProperty("key").GetString()!)));
                        break;
                    case "aws:sqs":
                        using (var body = JsonDocument.Parse(r.GetProperty("body").GetString()!))
                        {
                            var inner = body.RootElement.TryGetProperty("Type", out var type) && type.GetString() == "Notification"
                                ? JsonDocument.Parse(body.RootElement.GetProperty("Message").GetString()!).RootElement
                                : body.RootElement;
                            objects.AddRange(ObjectsNamedBy(inner));
                        }
                        break;
                }
            }
        }
        else if (e.TryGetProperty("detail-type", out _))
        {
            var detail = e.GetProperty("detail");
            objects.Add((detail.GetProperty("bucket").GetProperty("name").GetString()!, detail.GetProperty("object").GetProperty("key").GetString()!));
        }
        return objects;
    }
}
