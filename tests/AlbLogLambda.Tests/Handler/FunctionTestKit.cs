using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Sns;

namespace AlbLogLambda.Tests.Handler;

/// <summary>In-memory stand-ins for the function's ports, and realistic events and log objects.</summary>
internal static class FunctionTestKit
{
    public const string Bucket = "alb-logs-123456789012";

    public static string Key(string lb = "my-alb", string id = "50dc6c495c0c9188", string end = "20261124T1005Z", string node = "10.0.1.23", string rand = "5h2k9x3a") =>
        $"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.{lb}.{id}_{end}_{node}_{rand}.log.gz";

    public static string Line(string status = "200 200", string target = "10.0.1.12:8080", string times = "0.001 0.012 0.000",
        string elb = "app/my-alb/50dc6c495c0c9188", string errorReason = "-") =>
        $"https 2026-11-24T10:03:12.123456Z {elb} 198.51.100.7:51234 {target} {times} {status} 120 560 "
        + "\"GET https://shop.example.com:443/cart?session=abc HTTP/1.1\" \"curl/8.4.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
        + "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067 \"Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5\" "
        + $"\"shop.example.com\" \"session-reused\" 1 2026-11-24T10:03:12.110000Z \"forward\" \"-\" \"{errorReason}\" \"{target}\" \"{status.Split(' ')[1]}\" \"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286\n";

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    public static string S3Record(string key, string bucket = Bucket)
    {
        // S3 encodes keys in notifications like a form: a space is '+', the rest %XX ('/' stays).
        string encoded = System.Net.WebUtility.UrlEncode(key).Replace("%2F", "/", StringComparison.Ordinal);
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventTime\":\"2026-11-24T10:05:31.000Z\","
            + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + bucket + "\",\"arn\":\"arn:aws:s3:::" + bucket + "\"},"
            + "\"object\":{\"key\":\"" + encoded + "\",\"size\":1024,\"eTag\":\"0123456789abcdef0123456789abcdef\",\"sequencer\":\"0055AED6DCD90281E5\"}}}";
    }

    public static byte[] S3Event(params string[] keys) =>
        Encoding.UTF8.GetBytes($$"""{"Records":[{{string.Join(',', keys.Select(k => S3Record(k)))}}]}""");

    public static byte[] SqsEvent(params (string MessageId, string Body)[] messages) =>
        Encoding.UTF8.GetBytes($$"""
        {"Records":[{{string.Join(',', messages.Select(m =>
            $$"""{"messageId":"{{m.MessageId}}","receiptHandle":"AQEB","body":{{JsonSerializer.Serialize(m.Body, JsonDocumentContext.Default.String)}},"attributes":{},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:alb-logs","awsRegion":"us-east-1"}"""))}}]}
        """);

    public static string S3Body(params string[] keys) => $$"""{"Records":[{{string.Join(',', keys.Select(k => S3Record(k)))}}]}""";

    public static JsonElement Json(byte[] response) => JsonDocument.Parse(response).RootElement;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class JsonDocumentContext : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>Serves objects from memory; a key mapped to an exception throws it.</summary>
internal sealed class FakeLogObjectSource : ILogObjectSource
{
    private readonly Dictionary<string, Func<OpenedLogObject>> _objects = new(StringComparer.Ordinal);

    public List<string> Opened { get; } = [];

    public void Add(string key, byte[] content, string etag = "\"9b2cf535f27731c974343645a3985328\"") =>
        _objects[key] = () => new OpenedLogObject(new MemoryStream(content), etag, content.Length);

    public void Add(string key, Func<OpenedLogObject> open) => _objects[key] = open;

    public Task<OpenedLogObject> OpenAsync(LogObjectRef logObject, CancellationToken cancellationToken)
    {
        lock (Opened) Opened.Add(logObject.Key);
        return _objects.TryGetValue(logObject.Key, out var open)
            ? Task.FromResult(open())
            : throw new LogObjectException(logObject.Bucket, logObject.Key, LogObjectFailure.NotFound, "The specified key does not exist.", "NoSuchKey", System.Net.HttpStatusCode.NotFound);
    }
}

/// <summary>Records each summary as the SNS message it would become; can be told to fail.</summary>
internal sealed class RecordingSummaryPublisher(string? topicArn = "arn:aws:sns:us-east-1:123456789012:alb-502") : ISummaryPublisher
{
    public List<(string LoadBalancer, SnsMessage Message)> Published { get; } = [];

    public Exception? FailWith { get; set; }

    public Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        if (FailWith is not null) throw FailWith;
        lock (Published) Published.Add((summary.LoadBalancer, SnsSummaryMessage.Build(summary, topicArn)));
        return Task.FromResult(new PublishReceipt("m-1", 1, DryRun: false));
    }
}
