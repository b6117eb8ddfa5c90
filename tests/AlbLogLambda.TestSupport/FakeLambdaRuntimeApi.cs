using System.Globalization;
using System.Threading.Channels;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// A stand-in for the Lambda Runtime API (2018-06-01) over a <see cref="RecordingHttpServer"/>: <c>next</c> long-polls
/// until an invocation is queued (or the server is disposed); response, error and init/error posts are recorded and
/// answered 202.
/// </summary>
public sealed class FakeLambdaRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly Channel<QueuedInvocation> _invocations = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly RecordingHttpServer _server;

    public FakeLambdaRuntimeApi() => _server = new RecordingHttpServer(RespondAsync);

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API: <c>127.0.0.1:{port}</c>.</summary>
    public string RuntimeApi => _server.HostAndPort;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    /// <summary>The status answered to <c>/response</c> posts (202; e.g. 413 to imitate a too-large response).</summary>
    public int ResponseStatus { get; set; } = 202;

    /// <summary>Queues an invocation for the next <c>next</c> call.</summary>
    public void EnqueueInvocation(
        string requestId,
        string payload,
        string? traceId = null,
        DateTimeOffset? deadline = null,
        string? invokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:alb-log-502")
    {
        var headers = new Dictionary<string, string>
        {
            ["Lambda-Runtime-Aws-Request-Id"] = requestId,
            ["Lambda-Runtime-Deadline-Ms"] = (deadline ?? DateTimeOffset.UtcNow.AddMinutes(5)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        if (traceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = traceId;
        }

        if (invokedFunctionArn is not null)
        {
            headers["Lambda-Runtime-Invoked-Function-Arn"] = invokedFunctionArn;
        }

        if (!_invocations.Writer.TryWrite(new QueuedInvocation(payload, headers)))
        {
            throw new InvalidOperationException("The fake Runtime API is disposed.");
        }
    }

    /// <summary>Waits for the response or error posted for <paramref name="requestId"/>.</summary>
    public Task<RecordedRequest> WaitForResultAsync(string requestId, TimeSpan timeout) =>
        _server.WaitForRequestAsync(
            r => r.Method == "POST" && (r.Path == $"{Prefix}invocation/{requestId}/response" || r.Path == $"{Prefix}invocation/{requestId}/error"),
            timeout);

    /// <summary>Waits for any request to <c>{Prefix}{relativePath}</c>.</summary>
    public Task<RecordedRequest> WaitForPathAsync(string relativePath, TimeSpan timeout) =>
        _server.WaitForRequestAsync(r => r.Path == Prefix + relativePath, timeout);

    public async ValueTask DisposeAsync()
    {
        _invocations.Writer.TryComplete();
        await _server.DisposeAsync();
    }

    private async Task<ScriptedResponse> RespondAsync(RecordedRequest request, CancellationToken stopping)
    {
        if (request.Method == "GET" && request.Path == $"{Prefix}invocation/next")
        {
            var invocation = await _invocations.Reader.ReadAsync(stopping);
            return new ScriptedResponse(200, invocation.Payload) { Headers = invocation.Headers, ContentType = "application/json" };
        }

        if (request.Method == "POST" && request.Path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal))
        {
            var status = request.Path.EndsWith("/response", StringComparison.Ordinal) ? ResponseStatus : 202;
            return new ScriptedResponse(status, status == 202 ? """{"status":"OK"}""" : """{"errorMessage":"refused","errorType":"Test"}""")
            {
                ContentType = "application/json",
            };
        }

        if (request.Method == "POST" && request.Path == $"{Prefix}init/error")
        {
            return new ScriptedResponse(202, """{"status":"OK"}""") { ContentType = "application/json" };
        }

        return new ScriptedResponse(404, """{"errorMessage":"unknown path","errorType":"InvalidRequest"}""") { ContentType = "application/json" };
    }

    private sealed record QueuedInvocation(string Payload, IReadOnlyDictionary<string, string> Headers);
}
