using System.Text;
using System.Text.Json;
using AlbLogLambda.Observability;
using AlbLogLambda.Runtime;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.Runtime;

/// <summary>
/// The Runtime API client against a fake Runtime API served over real HTTP. In the process-environment collection:
/// the loop sets _X_AMZN_TRACE_ID (and one test sets AWS_LAMBDA_RUNTIME_API).
/// </summary>
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class LambdaRuntimeClientTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset s_now = new(2026, 11, 24, 10, 5, 0, TimeSpan.Zero);

    private static Func<CancellationToken, Task<Func<LambdaInvocation, CancellationToken, Task<byte[]>>>> Init(
        Func<LambdaInvocation, CancellationToken, Task<byte[]>> handler) => _ => Task.FromResult(handler);

    private static Task<byte[]> Echo(LambdaInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(Encoding.UTF8.GetBytes($"{{\"echo\":{Encoding.UTF8.GetString(invocation.Payload)}}}"));

    [Fact]
    public async Task NextAsync_QueuedInvocation_ParsesHeadersAndPayload()
    {
        await using var api = new FakeLambdaRuntimeApi();
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1795428933123);
        api.EnqueueInvocation(
            "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            """{"Records":[]}""",
            "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            deadline,
            "arn:aws:lambda:us-east-1:123456789012:function:alb-log-502:live");
        using var client = new LambdaRuntimeClient(api.RuntimeApi);

        var invocation = await client.NextAsync(CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", invocation.RequestId);
        Assert.Equal(deadline, invocation.Deadline);
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", invocation.TraceId);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:alb-log-502:live", invocation.InvokedFunctionArn);
        Assert.Equal("""{"Records":[]}""", Encoding.UTF8.GetString(invocation.Payload));
        Assert.Equal("/2018-06-01/runtime/invocation/next", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task NextAsync_NothingQueued_WaitsUntilAnInvocationArrives()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);

        var next = client.NextAsync(CancellationToken.None);
        await api.WaitForPathAsync("invocation/next", s_bound);
        Assert.False(next.IsCompleted);
        api.EnqueueInvocation("late-1", "{}");

        Assert.Equal("late-1", (await next.WaitAsync(s_bound)).RequestId);
    }

    [Fact]
    public async Task PostErrorAsync_Exception_PostsTheDocumentedErrorDocument()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);
        Exception error;
        try
        {
            throw new InvalidOperationException("Error parsing event data.");
        }
        catch (InvalidOperationException ex)
        {
            error = ex;
        }

        await client.PostErrorAsync("156cb537-e2d4-11e8-9b34-d36013741fb9", error, CancellationToken.None).WaitAsync(s_bound);

        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/2018-06-01/runtime/invocation/156cb537-e2d4-11e8-9b34-d36013741fb9/error", request.Path);
        Assert.Equal("Unhandled", request.Header("Lambda-Runtime-Function-Error-Type"));
        using var document = JsonDocument.Parse(request.Body);
        Assert.Equal("Error parsing event data.", document.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", document.RootElement.GetProperty("errorType").GetString());
        var stackTrace = document.RootElement.GetProperty("stackTrace");
        Assert.Equal(JsonValueKind.Array, stackTrace.ValueKind);
        Assert.Contains(stackTrace.EnumerateArray(), line => line.GetString()!.Contains(nameof(PostErrorAsync_Exception_PostsTheDocumentedErrorDocument), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunLoopAsync_HandlerResult_IsPostedAsTheResponse()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);
        using var stop = new CancellationTokenSource();
        api.EnqueueInvocation("req-ok", """{"n":1}""");

        var loop = client.RunLoopAsync(Init(Echo), stop.Token);
        var result = await api.WaitForResultAsync("req-ok", s_bound);
        await stop.CancelAsync();

        Assert.Equal(0, await loop.WaitAsync(s_bound));
        Assert.Equal("/2018-06-01/runtime/invocation/req-ok/response", result.Path);
        Assert.Equal("""{"echo":{"n":1}}""", result.BodyText);
        Assert.StartsWith("application/json", result.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunLoopAsync_HandlerThrows_PostsErrorAndServesTheNextInvocation()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);
        using var stop = new CancellationTokenSource();
        api.EnqueueInvocation("req-fails", """{"fail":true}""");
        api.EnqueueInvocation("req-after", """{"fail":false}""");

        var loop = client.RunLoopAsync(
            Init((invocation, ct) => invocation.RequestId == "req-fails"
                ? throw new FormatException("The invocation payload is not a JSON event document.")
                : Echo(invocation, ct)),
            stop.Token);
        var failed = await api.WaitForResultAsync("req-fails", s_bound);
        var after = await api.WaitForResultAsync("req-after", s_bound);
        await stop.CancelAsync();
        await loop.WaitAsync(s_bound);

        Assert.Equal("/2018-06-01/runtime/invocation/req-fails/error", failed.Path);
        Assert.Equal("Unhandled", failed.Header("Lambda-Runtime-Function-Error-Type"));
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("FormatException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("/2018-06-01/runtime/invocation/req-after/response", after.Path);
    }

    [Fact]
    public async Task RunLoopAsync_HandlerThrows_LogsOneStructuredErrorLineWithTheRequestId()
    {
        await using var api = new FakeLambdaRuntimeApi();
        var output = new StringWriter();
        using var client = new LambdaRuntimeClient(api.RuntimeApi, log: new FunctionLog(output, new FixedClock(s_now)));
        using var stop = new CancellationTokenSource();
        api.EnqueueInvocation("req-fails", "{}");

        var loop = client.RunLoopAsync(
            Init((_, _) => throw new FormatException("The invocation payload is not a JSON event document.")), stop.Token);
        await api.WaitForResultAsync("req-fails", s_bound);
        await stop.CancelAsync();
        await loop.WaitAsync(s_bound);

        using var line = JsonDocument.Parse(Assert.Single(Lines(output)));
        var root = line.RootElement;
        Assert.Equal(["timestamp", "level", "message", "requestId", "errorType", "errorMessage", "exception"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-24T10:05:00.0000000Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("ERROR", root.GetProperty("level").GetString());
        Assert.Equal("Invocation failed", root.GetProperty("message").GetString());
        Assert.Equal("req-fails", root.GetProperty("requestId").GetString());
        Assert.Equal("FormatException", root.GetProperty("errorType").GetString());
        Assert.Equal("The invocation payload is not a JSON event document.", root.GetProperty("errorMessage").GetString());
        string exception = root.GetProperty("exception").GetString()!;
        Assert.StartsWith("System.FormatException: The invocation payload is not a JSON event document.", exception, StringComparison.Ordinal);
        Assert.Contains(nameof(RunLoopAsync_HandlerThrows_LogsOneStructuredErrorLineWithTheRequestId), exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunLoopAsync_InitializationThrows_LogsOneStructuredErrorLineWithTheInnerException()
    {
        await using var api = new FakeLambdaRuntimeApi();
        var output = new StringWriter();
        using var client = new LambdaRuntimeClient(api.RuntimeApi, log: new FunctionLog(output, new FixedClock(s_now)));

        await client.RunLoopAsync(
            _ => throw new InvalidOperationException("TOPIC_ARN is not valid.", new FormatException("not an ARN: topic")),
            CancellationToken.None).WaitAsync(s_bound);

        using var line = JsonDocument.Parse(Assert.Single(Lines(output)));
        var root = line.RootElement;
        Assert.Equal(["timestamp", "level", "message", "errorType", "errorMessage", "exception"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-24T10:05:00.0000000Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("ERROR", root.GetProperty("level").GetString());
        Assert.Equal("Initialization failed", root.GetProperty("message").GetString());
        Assert.Equal("InvalidOperationException", root.GetProperty("errorType").GetString());
        Assert.Equal("TOPIC_ARN is not valid.", root.GetProperty("errorMessage").GetString());
        string exception = root.GetProperty("exception").GetString()!;
        Assert.StartsWith("System.InvalidOperationException: TOPIC_ARN is not valid.", exception, StringComparison.Ordinal);
        Assert.Contains("---> System.FormatException: not an ARN: topic", exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunLoopAsync_HandlerSucceeds_LogsNothingAndSetsTheLogsRequestId()
    {
        await using var api = new FakeLambdaRuntimeApi();
        var output = new StringWriter();
        var log = new FunctionLog(output);
        using var client = new LambdaRuntimeClient(api.RuntimeApi, log: log);
        using var stop = new CancellationTokenSource();
        string? seen = null;
        api.EnqueueInvocation("req-quiet", "{}");

        var loop = client.RunLoopAsync(
            Init((invocation, ct) =>
            {
                seen = log.RequestId;
                return Echo(invocation, ct);
            }),
            stop.Token);
        await api.WaitForResultAsync("req-quiet", s_bound);
        await stop.CancelAsync();
        await loop.WaitAsync(s_bound);

        Assert.Equal("req-quiet", seen);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task RunLoopAsync_EachInvocation_SetsTheTraceIdEnvironmentVariable()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);
        using var stop = new CancellationTokenSource();
        using var restore = new EnvironmentScope(("_X_AMZN_TRACE_ID", null));
        var seen = new List<string?>();
        api.EnqueueInvocation("t-1", "{}", "Root=1-67432f8b-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1");
        api.EnqueueInvocation("t-2", "{}", "Root=1-67432f90-fedcba9876543210fedcba98;Parent=a1b2c3d4e5f60718;Sampled=0");
        api.EnqueueInvocation("t-3", "{}", traceId: null);

        var loop = client.RunLoopAsync(
            Init((invocation, ct) =>
            {
                seen.Add(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
                return Echo(invocation, ct);
            }),
            stop.Token);
        await api.WaitForResultAsync("t-3", s_bound);
        await stop.CancelAsync();
        await loop.WaitAsync(s_bound);

        Assert.Equal(
            [
                "Root=1-67432f8b-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1",
                "Root=1-67432f90-fedcba9876543210fedcba98;Parent=a1b2c3d4e5f60718;Sampled=0",
                null,
            ],
            seen);
    }

    [Fact]
    public async Task RunLoopAsync_InitializationThrows_PostsInitErrorAndReturnsOne()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);

        var exitCode = await client.RunLoopAsync(
            _ => throw new InvalidOperationException("TOPIC_ARN is not set."),
            CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(1, exitCode);
        var request = Assert.Single(api.Requests);
        Assert.Equal("/2018-06-01/runtime/init/error", request.Path);
        Assert.NotNull(request.Header("Lambda-Runtime-Function-Error-Type"));
        using var error = JsonDocument.Parse(request.Body);
        Assert.Equal("TOPIC_ARN is not set.", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task RunLoopAsync_ResponseRefusedAsTooLarge_PostsAnErrorInstead()
    {
        await using var api = new FakeLambdaRuntimeApi { ResponseStatus = 413 };
        using var client = new LambdaRuntimeClient(api.RuntimeApi);
        using var stop = new CancellationTokenSource();
        api.EnqueueInvocation("too-big", "{}");

        var loop = client.RunLoopAsync(Init(Echo), stop.Token);
        var error = await api.WaitForPathAsync("invocation/too-big/error", s_bound);
        await stop.CancelAsync();
        await loop.WaitAsync(s_bound);

        Assert.Contains("413", error.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiFromEnvironment_ServesInvocations()
    {
        await using var api = new FakeLambdaRuntimeApi();
        using var environment = new EnvironmentScope(("AWS_LAMBDA_RUNTIME_API", api.RuntimeApi), ("_X_AMZN_TRACE_ID", null));
        using var stop = new CancellationTokenSource();
        api.EnqueueInvocation("env-1", """{"from":"env"}""");

        var loop = LambdaRuntimeClient.RunAsync(Echo, stop.Token);
        var result = await api.WaitForResultAsync("env-1", s_bound);
        await stop.CancelAsync();

        Assert.Equal(0, await loop.WaitAsync(s_bound));
        Assert.Equal("""{"echo":{"from":"env"}}""", result.BodyText);
    }

    [Fact]
    public void FromEnvironment_VariableMissing_ThrowsNamingIt()
    {
        using var environment = new EnvironmentScope(("AWS_LAMBDA_RUNTIME_API", null));

        var ex = Assert.Throws<InvalidOperationException>(() => LambdaRuntimeClient.FromEnvironment());

        Assert.Contains("AWS_LAMBDA_RUNTIME_API", ex.Message, StringComparison.Ordinal);
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
