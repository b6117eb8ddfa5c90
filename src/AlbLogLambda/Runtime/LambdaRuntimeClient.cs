using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

using AlbLogLambda.Observability;

namespace AlbLogLambda.Runtime;

/// <summary>One invocation handed out by the Lambda Runtime API's <c>next</c> call.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id: names the invocation in the response and error calls.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the function.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id: the X-Ray tracing header, if any.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn: the function, version or alias invoked.</param>
/// <param name="Payload">The event document, as sent.</param>
internal sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    string? InvokedFunctionArn,
    byte[] Payload);

/// <summary>The Runtime API answered a call with something other than success.</summary>
internal sealed class LambdaRuntimeException : Exception
{
    public LambdaRuntimeException() { }

    public LambdaRuntimeException(string message) : base(message) { }

    public LambdaRuntimeException(string message, Exception innerException) : base(message, innerException) { }

    public LambdaRuntimeException(string message, HttpStatusCode statusCode) : base(message) => StatusCode = statusCode;

    /// <summary>The Runtime API's status code; 500 means "container error: exit promptly".</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>
/// Client of the documented Lambda Runtime API, version 2018-06-01 (next, response, error, init/error), and
/// the invocation loop that a custom-runtime or managed-runtime executable runs in its Main.
/// </summary>
/// <remarks>
/// This file is the one to swap for Amazon.Lambda.RuntimeSupport when that package can be used: nothing else
/// in the function depends on how invocations arrive. The <c>next</c> call is a long poll and has no timeout
/// (the process may be frozen between invocations); the other calls are bounded by <see cref="PostTimeout"/>.
/// </remarks>
internal sealed class LambdaRuntimeClient : IDisposable
{
    /// <summary>host:port of the Runtime API, set by Lambda in every execution environment.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The X-Ray trace header of the current invocation, set by the loop for SDKs and loggers.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private const string ApiVersion = "2018-06-01";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly TimeSpan s_postTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly FunctionLog _log;

    /// <param name="runtimeApi">The value of AWS_LAMBDA_RUNTIME_API: <c>host:port</c>.</param>
    /// <param name="handler">Transport for tests; by default a handler with a bounded connect timeout.</param>
    /// <param name="log">
    /// Where the loop reports failed initializations and invocations (one JSON line each, level ERROR); by default
    /// a log on standard output, like the function's own. The loop sets its request id for each invocation.
    /// </param>
    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null, FunctionLog? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _log = log ?? new FunctionLog(Console.Out);
        _baseUri = new Uri($"http://{runtimeApi}/{ApiVersion}/runtime/", UriKind.Absolute);
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            // The long poll must never time out; every other call carries its own bounded token.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Timeout of the response and error calls (never of <c>next</c>).</summary>
    public static TimeSpan PostTimeout => s_postTimeout;

    /// <summary>A client for the Runtime API named by AWS_LAMBDA_RUNTIME_API.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set (not running inside Lambda).</exception>
    public static LambdaRuntimeClient FromEnvironment(FunctionLog? log = null)
    {
        var api = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new InvalidOperationException(
                $"{RuntimeApiVariable} is not set: this executable must be started by AWS Lambda (or a runtime interface emulator).");
        }

        return new LambdaRuntimeClient(api, log: log);
    }

    /// <summary>GET /runtime/invocation/next: waits, without a timeout, until Lambda hands out an invocation.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_baseUri, "invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new LambdaRuntimeException(
                $"Runtime API next invocation answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new LambdaRuntimeException("Runtime API next invocation has no Lambda-Runtime-Aws-Request-Id header.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LambdaInvocation(
            requestId,
            deadline,
            Header(response, "Lambda-Runtime-Trace-Id"),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            payload);
    }

    /// <summary>POST /runtime/invocation/{requestId}/response with the handler's JSON result.</summary>
    public Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var content = new ReadOnlyMemoryContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, errorType: null, cancellationToken);
    }

    /// <summary>POST /runtime/invocation/{requestId}/error: the invocation failed with <paramref name="error"/>.</summary>
    public Task PostErrorAsync(string requestId, Exception error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContent(error), "Unhandled", cancellationToken);
    }

    /// <summary>POST /runtime/init/error: initialization failed; the runtime should exit after this call.</summary>
    public Task PostInitErrorAsync(Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync("init/error", ErrorContent(error), "Runtime.InitError", cancellationToken);
    }

    /// <summary>
    /// Runs the invocation loop against the Runtime API named by AWS_LAMBDA_RUNTIME_API until
    /// <paramref name="cancellationToken"/> is cancelled. See <see cref="RunLoopAsync"/>.
    /// </summary>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(Func<LambdaInvocation, CancellationToken, Task<byte[]>> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return InitializeAndRunAsync(_ => Task.FromResult(handler), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="initialize"/> (building clients, reading settings) and then the invocation loop, against the
    /// Runtime API named by AWS_LAMBDA_RUNTIME_API. An exception from <paramref name="initialize"/> is posted to
    /// <c>init/error</c> and the method returns exit code 1.
    /// </summary>
    public static Task<int> InitializeAndRunAsync(
        Func<CancellationToken, Task<Func<LambdaInvocation, CancellationToken, Task<byte[]>>>> initialize,
        CancellationToken cancellationToken) => InitializeAndRunAsync(initialize, log: null, cancellationToken);

    /// <summary>
    /// <see cref="InitializeAndRunAsync(Func{CancellationToken, Task{Func{LambdaInvocation, CancellationToken, Task{byte[]}}}}, CancellationToken)"/>,
    /// reporting failures to <paramref name="log"/> (the function's log, so that every line shares one writer).
    /// </summary>
    public static async Task<int> InitializeAndRunAsync(
        Func<CancellationToken, Task<Func<LambdaInvocation, CancellationToken, Task<byte[]>>>> initialize,
        FunctionLog? log,
        CancellationToken cancellationToken)
    {
        using var client = FromEnvironment(log);
        return await client.RunLoopAsync(initialize, cancellationToken);
    }

    /// <summary>
    /// The loop: initialize once (a failure goes to <c>init/error</c>, exit code 1); then, for each invocation, set
    /// <c>_X_AMZN_TRACE_ID</c>, call the handler and post its result, or post the handler's exception as the
    /// invocation error and go on with the next invocation. Returns 0 when <paramref name="cancellationToken"/> is
    /// cancelled; a failing Runtime API call (other than a too-large response, reported as an invocation error)
    /// propagates, since the execution environment is then unusable and the process should exit.
    /// </summary>
    public async Task<int> RunLoopAsync(
        Func<CancellationToken, Task<Func<LambdaInvocation, CancellationToken, Task<byte[]>>>> initialize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        Func<LambdaInvocation, CancellationToken, Task<byte[]>> handler;
        try
        {
            handler = await initialize(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailure("Initialization failed", ex);
            await PostInitErrorAsync(ex, CancellationToken.None);
            return 1;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await NextAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
            _log.RequestId = invocation.RequestId;
            byte[] result;
            try
            {
                result = await handler(invocation, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFailure("Invocation failed", ex);
                await PostErrorAsync(invocation.RequestId, ex, CancellationToken.None);
                continue;
            }

            try
            {
                await PostResponseAsync(invocation.RequestId, result, CancellationToken.None);
            }
            catch (LambdaRuntimeException ex) when (ex.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            {
                await PostErrorAsync(invocation.RequestId, ex, CancellationToken.None);
            }
        }

        return 0;
    }

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string relative, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, relative)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_postTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            throw new LambdaRuntimeException(
                $"Runtime API {relative} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}", response.StatusCode);
        }
    }

    /// <summary>
    /// One structured ERROR line: the exception's type and message, and its full text (stack trace and inner
    /// exceptions) in <c>exception</c>; the request id, when there is one, comes from the log.
    /// </summary>
    private void LogFailure(string message, Exception error) =>
        _log.Write(message, json =>
        {
            json.WriteString("errorType", error.GetType().Name);
            json.WriteString("errorMessage", error.Message);
            json.WriteString("exception", error.ToString());
        }, "ERROR");

    /// <summary>The documented error document: <c>{"errorMessage", "errorType", "stackTrace": [...]}</c>.</summary>
    private static ByteArrayContent ErrorContent(Exception error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", error.Message);
            writer.WriteString("errorType", error.GetType().Name);
            writer.WriteStartArray("stackTrace");
            foreach (var line in (error.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
