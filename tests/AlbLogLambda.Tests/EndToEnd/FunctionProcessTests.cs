using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// The function as Lambda runs it: the dotnet10 managed runtime starts the executable assembly
/// (`dotnet AlbLogLambda.dll`) against a Runtime API; here the Runtime API, S3 (s3rver) and SNS are real
/// HTTP servers on 127.0.0.1, and the object is the committed sample access log.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FunctionProcessTests : IAsyncLifetime
{
    private const string Bucket = "alb-logs-123456789012";
    private const string SecretKey = S3rverServer.SecretAccessKey;
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken";
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";
    private const string PublishOk = """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>5a4e9f1c-0b7d-4a8e-9c3f-2d6b1e0f7a11</MessageId><SequenceNumber>10000000000000000001</SequenceNumber></PublishResult><ResponseMetadata><RequestId>f187a3c1-b7e7-5c3f-8a1e-3a0b9c1d2e3f</RequestId></ResponseMetadata></PublishResponse>""";

    private S3rverServer _s3 = null!;
    private RecordingHttpServer _sns = null!;
    private FakeLambdaRuntimeApi _runtime = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverServer.StartAsync();
        await _s3.CreateBucketAsync(Bucket);
        _sns = new RecordingHttpServer();
        _runtime = new FakeLambdaRuntimeApi();
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await _sns.DisposeAsync();
        await _s3.DisposeAsync();
    }

    [Fact]
    public async Task FunctionProcess_SqsBatchWithSampleObject_PublishesASignedFifoSummaryAfterATransientSnsFailure()
    {
        // A custom prefix with a space and '=': S3 sends it URL-encoded, the function must decode it.
        string key = "alb logs/env=prod/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/" + SampleName;
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", SampleName));
        string etag = (await _s3.PutObjectAsync(Bucket, key, sample)).Trim('"');
        _sns.Enqueue(new ScriptedResponse(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>try again</Message></Error></ErrorResponse>"),
            new ScriptedResponse(200, PublishOk));
        string encodedKey = System.Net.WebUtility.UrlEncode(key).Replace("%2F", "/", StringComparison.Ordinal);
        string s3Body = S3Notification("ObjectCreated:Put", encodedKey, sample.Length, etag);
        string testEvent = """{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-24T10:00:00.000Z","Bucket":"alb-logs-123456789012","RequestId":"R","HostId":"H"}""";
        string payload = $$"""{"Records":[{{SqsRecord("msg-object", s3Body)}},{{SqsRecord("msg-test", testEvent)}}]}""";
        _runtime.EnqueueInvocation("req-1", payload, traceId: "Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5;Sampled=1");

        var (result, log) = await InvokeFunctionAsync("req-1", "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");

        Assert.EndsWith("/invocation/req-1/response", result.Path, StringComparison.Ordinal);
        var response = JsonDocument.Parse(result.Body).RootElement;
        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        var objectResult = response.GetProperty("objects")[0];
        Assert.Equal(("ok", key, 1100), (objectResult.GetProperty("status").GetString(), objectResult.GetProperty("key").GetString(), objectResult.GetProperty("entries").GetInt32()));

        var publishes = _sns.Requests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal(2, publishes.Length);
        var publish = publishes[1];
        var form = ParseForm(publish.BodyText);
        Assert.Equal("Publish", form["Action"]);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:alb-502.fifo", form["TopicArn"]);
        Assert.Equal("ALB 502: my-alb 113 from LB, 13 from targets (2026-11-24 10:05Z)", form["Subject"]);
        Assert.Equal("app/my-alb/50dc6c495c0c9188", form["MessageGroupId"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Bucket}/{key}@{etag}"))), form["MessageDeduplicationId"]);
        Assert.Contains($"s3://{Bucket}/{key}", form["Message"], StringComparison.Ordinal);
        Assert.Contains("target-connection-failed", form["Message"], StringComparison.Ordinal);
        var attributes = Enumerable.Range(1, 10).Where(i => form.ContainsKey($"MessageAttributes.entry.{i}.Name"))
            .ToDictionary(i => form[$"MessageAttributes.entry.{i}.Name"], i => (form[$"MessageAttributes.entry.{i}.Value.DataType"], form[$"MessageAttributes.entry.{i}.Value.StringValue"]));
        Assert.Equal(("String", "app/my-alb/50dc6c495c0c9188"), attributes["loadBalancer"]);
        Assert.Equal(("String", "target-closed-connection"), attributes["topCause"]);
        Assert.Equal(("String", "both"), attributes["origin"]);
        Assert.Equal(("Number", "113"), attributes["http502LoadBalancer"]);
        Assert.Equal(("Number", "13"), attributes["http502Target"]);

        // Signed with SigV4 by the session credentials, checked against an independent computation.
        var (expected, actual, scope) = SigV4Reference.Verify(publish, SecretKey);
        Assert.Equal(expected, actual);
        Assert.EndsWith("/us-east-1/sns/aws4_request", scope, StringComparison.Ordinal);
        Assert.Equal(SessionToken, publish.Header("X-Amz-Security-Token"));

        Assert.Contains("\"message\":\"object\"", log, StringComparison.Ordinal);
        Assert.Contains("\"requestId\":\"req-1\"", log, StringComparison.Ordinal);
        Assert.Contains("\"Namespace\":\"AlbLogLambda\"", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionProcess_PermanentSnsFailureOnDirectEvent_ReportsAnInvocationError()
    {
        string key = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/" + SampleName;
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", SampleName));
        await _s3.PutObjectAsync(Bucket, key, sample);
        _sns.Fallback = new ScriptedResponse(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not authorized to perform SNS:Publish</Message></Error></ErrorResponse>");
        string payload = S3Notification("ObjectCreated:CompleteMultipartUpload", key, sample.Length, "x");
        _runtime.EnqueueInvocation("req-2", payload);

        var (result, _) = await InvokeFunctionAsync("req-2", "arn:aws:sns:us-east-1:123456789012:alb-502");

        Assert.EndsWith("/invocation/req-2/error", result.Path, StringComparison.Ordinal);
        Assert.Contains("AuthorizationError", result.BodyText, StringComparison.Ordinal);
        Assert.Single(_sns.Requests, r => r.Method == "POST");
    }

    /// <summary>Starts the function process, waits for its answer to <paramref name="requestId"/>, then stops it.</summary>
    private async Task<(RecordedRequest Result, string Log)> InvokeFunctionAsync(string requestId, string topicArn)
    {
        using var process = StartFunction(topicArn);
        var stdout = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var result = await _runtime.WaitForResultAsync(requestId, TimeSpan.FromSeconds(90));
            lock (stdout) return (result, stdout.ToString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private Process StartFunction(string topicArn)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FunctionAssembly());
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToArray()) start.Environment.Remove(name);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = _runtime.RuntimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "alb-log-502";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ENDPOINT_URL_S3"] = _s3.ServiceUrl.ToString();
        start.Environment["AWS_ENDPOINT_URL_SNS"] = _sns.BaseUri.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = S3rverServer.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
        start.Environment["AWS_SESSION_TOKEN"] = SessionToken;
        start.Environment["ALERT_TOPIC_ARN"] = topicArn;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the function process");
    }

    /// <summary>The function's own build output, as `sam build` packages it (not the test's copy).</summary>
    private static string FunctionAssembly()
    {
        var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string configuration = segments[Array.LastIndexOf(segments, "bin") + 1]; // .../bin/<Configuration>/net10.0/
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlbLogLambda.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "src", "AlbLogLambda", "bin", configuration, "net10.0", "AlbLogLambda.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first", path);
    }

    /// <summary>A direct S3 event notification for one object (the key as S3 would send it, already encoded).</summary>
    private static string S3Notification(string eventName, string encodedKey, long size, string etag) =>
        "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventTime\":\"2026-11-24T10:05:31.000Z\","
        + "\"eventName\":\"" + eventName + "\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + Bucket + "\",\"arn\":\"arn:aws:s3:::" + Bucket + "\"},"
        + "\"object\":{\"key\":\"" + encodedKey + "\",\"size\":" + size.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ",\"eTag\":\"" + etag + "\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}";

    private static string SqsRecord(string id, string body) =>
        $$"""{"messageId":"{{id}}","receiptHandle":"AQEB{{id}}","body":{{JsonSerializer.Serialize(body, EndToEndJson.Default.String)}},"attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},"md5OfBody":"0","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:alb-log-events","awsRegion":"us-east-1"}""";

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class EndToEndJson : System.Text.Json.Serialization.JsonSerializerContext;
