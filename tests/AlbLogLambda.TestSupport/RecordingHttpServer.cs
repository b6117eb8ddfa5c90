using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (HttpListener, free port) that records every request and answers from a
/// scripted queue, or through a responder function. Stand-in for SNS, the Lambda Runtime API (see
/// <see cref="FakeLambdaRuntimeApi"/>) and endpoints that stall.
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable, IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly Func<RecordedRequest, CancellationToken, Task<ScriptedResponse>>? _responder;
    private readonly Task _acceptLoop;
    private readonly ConcurrentDictionary<Task, bool> _handlers = new();
    private TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="responder">Answers each request; null answers from the scripted queue (<see cref="Enqueue"/>),
    /// and with <see cref="Fallback"/> once it is empty.</param>
    public RecordingHttpServer(Func<RecordedRequest, CancellationToken, Task<ScriptedResponse>>? responder = null)
    {
        _responder = responder;
        (_listener, Port) = StartListener();
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c></summary>
    public Uri BaseUri { get; }

    /// <summary><c>127.0.0.1:{port}</c> (the form of AWS_LAMBDA_RUNTIME_API).</summary>
    public string HostAndPort => $"127.0.0.1:{Port}";

    /// <summary>The answer once the script is empty.</summary>
    public ScriptedResponse Fallback { get; set; } = new(500, "RecordingHttpServer: no scripted response left");

    /// <summary>A snapshot of the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues answers, used in order by the default responder.</summary>
    public void Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> requests have arrived (bounded by <paramref name="timeout"/>); returns them.
    /// A client that gave up on a request has sent it before this server may have finished recording it.
    /// </summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        // The predicate runs under the lock that guards the list.
        await WaitForRequestAsync(_ => _requests.Count >= count, timeout);
        return Requests;
    }

    /// <summary>Waits until a request matching <paramref name="predicate"/> has arrived (bounded by <paramref name="timeout"/>).</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var match = _requests.FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                arrived = _requestArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching request arrived within {timeout}; received: "
                    + string.Join("; ", Requests.Select(r => r.Summary)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await Task.WhenAll([_acceptLoop, .. _handlers.Keys]).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Handlers end on their own once the listener is closed; nothing to keep.
        }

        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static (HttpListener Listener, int Port) StartListener()
    {
        // HttpListener cannot bind port 0: take a free port from the OS, then claim it (retrying on a lost race).
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var listener = new HttpListener { IgnoreWriteExceptions = true };
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var handler = Task.Run(() => HandleAsync(context));
            _handlers[handler] = true;
            _ = handler.ContinueWith(t => _handlers.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var stopping = _stopping.Token;
        try
        {
            var request = await RecordAsync(context.Request);
            var scripted = _responder is null
                ? (_script.TryDequeue(out var next) ? next : Fallback)
                : await _responder(request, stopping);

            if (scripted.Delay > TimeSpan.Zero)
            {
                await Task.Delay(scripted.Delay, stopping);
            }

            if (scripted.NeverAnswer)
            {
                await Task.Delay(Timeout.Infinite, stopping);
            }

            var response = context.Response;
            response.StatusCode = scripted.Status;
            response.ContentType = scripted.ContentType;
            foreach (var (name, value) in scripted.Headers)
            {
                response.Headers[name] = value;
            }

            var body = Encoding.UTF8.GetBytes(scripted.Body);
            if (scripted.StallAfterBodyWithContentLength is { } declared)
            {
                response.ContentLength64 = declared;
                await response.OutputStream.WriteAsync(body, stopping);
                await response.OutputStream.FlushAsync(stopping);
                await Task.Delay(Timeout.Infinite, stopping);
            }

            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body, stopping);
            response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server is stopping or the client went away: drop the connection.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body, _stopping.Token);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is not null)
            {
                headers[name] = request.Headers[name] ?? string.Empty;
            }
        }

        var recorded = new RecordedRequest(request.HttpMethod, request.RawUrl ?? "/", headers, body.ToArray())
        {
            ReceivedAt = DateTimeOffset.UtcNow,
            RemotePort = request.RemoteEndPoint?.Port ?? 0,
        };
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _requests.Add(recorded);
            arrived = _requestArrived;
            _requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
        return recorded;
    }
}
