using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// A fault-injecting HTTP/1.1 proxy on 127.0.0.1 in front of a real upstream (moto, s3rver): clients use its
/// <see cref="Endpoint"/> as their service endpoint, and every request passes through to the upstream byte for byte
/// (the Host header and the signature included) unless a fault injected with <see cref="Inject"/> takes it: drop the
/// connection, stall, answer 5xx or throttle as AWS does, or cut the upstream's answer mid-body. It records every
/// request with the fault it got and the upstream's status.
/// </summary>
/// <remarks>
/// It speaks HTTP/1.1 as the SDKs send it: keep-alive connections (one upstream connection per client connection),
/// Content-Length and chunked bodies, <c>Expect: 100-continue</c> (answered by the proxy itself).
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable, IDisposable
{
    private readonly Uri _upstream;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Rule> _rules = [];
    private readonly List<ProxiedRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private readonly Task _acceptLoop;
    private int _received;

    /// <param name="upstream">Where requests that pass go: <c>http://127.0.0.1:{port}/</c>.</param>
    public FaultProxy(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (upstream.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("the upstream must be a plain http:// endpoint", nameof(upstream));
        }

        _upstream = upstream;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the endpoint to give the client under test.</summary>
    public Uri Endpoint { get; }

    /// <summary>A snapshot of the requests received so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// From now on, the next <paramref name="times"/> requests (every one when null) that match <paramref name="when"/>
    /// (every one when null) get <paramref name="fault"/>; then they pass through again. Rules are tried in the order
    /// injected; a request takes the first that applies.
    /// </summary>
    public void Inject(ProxyFault fault, int? times = null, Func<ProxiedRequest, bool>? when = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (times is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "at least 1, or null for every request");
        }

        lock (_gate)
        {
            _rules.Add(new Rule(fault, times ?? int.MaxValue, when));
        }
    }

    /// <summary>Removes every rule not used up yet: from now on, everything passes through.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Waits until a request matching <paramref name="predicate"/> has arrived (bounded by <paramref name="timeout"/>).</summary>
    public async Task<ProxiedRequest> WaitForRequestAsync(Func<ProxiedRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var bound = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Requests.FirstOrDefault(predicate) is { } match)
            {
                return match;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching request arrived within {timeout}; received: {string.Join("; ", Requests)}");
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
        foreach (var client in _connections.Keys)
        {
            client.Dispose();
        }

        try
        {
            await Task.WhenAll([_acceptLoop, .. _connections.Values]).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // Connections end on their own once their sockets are closed.
        }

        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            _connections[client] = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client, _stopping.Token);
                }
                finally
                {
                    _connections.TryRemove(client, out _);
                    client.Dispose();
                }
            });
        }
    }

    /// <summary>One client connection: its requests in turn, over one upstream connection opened when first needed.</summary>
    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        TcpClient? upstream = null;
        try
        {
            var downstream = client.GetStream();
            var fromClient = new HttpWireReader(downstream);
            NetworkStream? toUpstream = null;
            HttpWireReader? fromUpstream = null;
            while (!stopping.IsCancellationRequested)
            {
                var head = await fromClient.ReadHeadAsync(stopping);
                if (head is null)
                {
                    return;
                }

                var (startLine, headers) = ParseHead(head);
                var parts = startLine.Split(' ', 3);
                if (headers.TryGetValue("Expect", out var expect) && expect.Contains("100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    // The proxy answers the expectation itself, so that it holds the whole request before choosing a fault.
                    await downstream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), stopping);
                }

                using var body = new MemoryStream();
                var (framing, length) = RequestFraming(headers);
                await fromClient.RelayBodyAsync(framing, length, async (chunk, ct) =>
                {
                    await body.WriteAsync(chunk, ct);
                    return true;
                }, stopping);

                var request = new ProxiedRequest(Interlocked.Increment(ref _received), parts[0], parts.Length > 1 ? parts[1] : "/", headers, body.ToArray());
                request.Fault = Take(request);
                lock (_gate)
                {
                    _requests.Add(request);
                }

                switch (request.Fault?.Kind)
                {
                    case ProxyFaultKind.Drop:
                        return;
                    case ProxyFaultKind.Stall:
                        await Task.Delay(Timeout.Infinite, stopping);
                        return;
                    case ProxyFaultKind.ServerError or ProxyFaultKind.Throttle:
                        await downstream.WriteAsync(ErrorResponse(request, request.Fault), stopping);
                        continue;
                }

                if (upstream is null)
                {
                    upstream = new TcpClient { NoDelay = true };
                    await upstream.ConnectAsync(_upstream.Host, _upstream.Port, stopping);
                    toUpstream = upstream.GetStream();
                    fromUpstream = new HttpWireReader(toUpstream);
                }

                await toUpstream!.WriteAsync(head, stopping);
                await toUpstream.WriteAsync(request.Body, stopping);

                byte[] responseHead;
                int status;
                do
                {
                    // Interim answers (100 Continue) stay here: the client had the proxy's own.
                    responseHead = await fromUpstream!.ReadHeadAsync(stopping) ?? throw new EndOfStreamException("the upstream closed the connection without answering");
                    status = int.Parse(Encoding.ASCII.GetString(responseHead).Split(' ', 3)[1], CultureInfo.InvariantCulture);
                }
                while (status is >= 100 and < 200);

                request.UpstreamStatus = status;
                var responseHeaders = ParseHead(responseHead).Headers;
                await downstream.WriteAsync(responseHead, stopping);
                var (responseFraming, responseLength) = ResponseFraming(request.Method, status, responseHeaders);
                var allowed = request.Fault?.Kind == ProxyFaultKind.DropMidBody ? request.Fault.AfterBytes : long.MaxValue;
                var complete = await fromUpstream.RelayBodyAsync(responseFraming, responseLength, async (chunk, ct) =>
                {
                    var n = (int)Math.Min(chunk.Length, allowed);
                    await downstream.WriteAsync(chunk[..n], ct);
                    allowed -= n;
                    return allowed > 0;
                }, stopping);
                await downstream.FlushAsync(stopping);
                if (!complete || request.Fault is not null || responseFraming == HttpWireReader.Framing.UntilClose
                    || IsClose(responseHeaders) || IsClose(headers))
                {
                    // Closing both ends here is the fault (a cut body), or what the upstream asked for.
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            or InvalidDataException or FormatException or EndOfStreamException)
        {
            // A connection that ends, on either side, ends the other: the client sees what the upstream did.
        }
        finally
        {
            upstream?.Dispose();
        }
    }

    private ProxyFault? Take(ProxiedRequest request)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Remaining > 0 && (rule.When?.Invoke(request) ?? true))
                {
                    rule.Remaining--;
                    return rule.Fault;
                }
            }
        }

        return null;
    }

    private static (string StartLine, Dictionary<string, string> Headers) ParseHead(byte[] head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"not an HTTP header line: {line}");
            }

            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }

        return (lines[0], headers);
    }

    private static (HttpWireReader.Framing Framing, long Length) RequestFraming(Dictionary<string, string> headers)
    {
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return (HttpWireReader.Framing.Chunked, 0);
        }

        return headers.TryGetValue("Content-Length", out var length) && long.Parse(length, CultureInfo.InvariantCulture) is > 0 and var n
            ? (HttpWireReader.Framing.Length, n)
            : (HttpWireReader.Framing.None, 0);
    }

    private static (HttpWireReader.Framing Framing, long Length) ResponseFraming(string method, int status, Dictionary<string, string> headers)
    {
        if (method == "HEAD" || status is 204 or 304)
        {
            return (HttpWireReader.Framing.None, 0);
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return (HttpWireReader.Framing.Chunked, 0);
        }

        return headers.TryGetValue("Content-Length", out var length)
            ? (HttpWireReader.Framing.Length, long.Parse(length, CultureInfo.InvariantCulture))
            : (HttpWireReader.Framing.UntilClose, 0);
    }

    private static bool IsClose(Dictionary<string, string> headers) =>
        headers.TryGetValue("Connection", out var connection) && connection.Contains("close", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The answer AWS gives for the fault: S3's <c>&lt;Error&gt;</c> document for requests signed for S3, the query
    /// APIs' <c>&lt;ErrorResponse&gt;</c> (SNS's namespace for SNS) for the others.
    /// </summary>
    private static byte[] ErrorResponse(ProxiedRequest request, ProxyFault fault)
    {
        var s3 = request.SigningService is { } service
            ? service == "s3"
            : request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true;
        var (status, reason, type, code, message) = (fault.Kind, fault.Status, s3) switch
        {
            (ProxyFaultKind.Throttle, _, true) => (503, "Slow Down", "Receiver", "SlowDown", "Please reduce your request rate."),
            (ProxyFaultKind.Throttle, _, false) => (400, "Bad Request", "Sender", "Throttling", "Rate exceeded"),
            (_, 503, _) => (503, "Service Unavailable", "Receiver", "ServiceUnavailable", "Service is unable to handle request."),
            (_, _, true) => (500, "Internal Server Error", "Receiver", "InternalError", "We encountered an internal error. Please try again."),
            _ => (500, "Internal Server Error", "Receiver", "InternalError", "An internal error occurred."),
        };
        var requestId = $"FAULTPROXY{request.Number:D6}";
        var xml = s3
            ? $"""<?xml version="1.0" encoding="UTF-8"?>{"\n"}<Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><RequestId>{requestId}</RequestId><HostId>{requestId}</HostId></Error>"""
            : $"""<ErrorResponse{(request.SigningService == "sns" ? " xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"" : "")}><Error><Type>{type}</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>""";
        var content = request.Method == "HEAD" ? [] : Encoding.UTF8.GetBytes(xml);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {(s3 ? "application/xml" : "text/xml")}\r\nContent-Length: {content.Length}\r\n"
            + $"x-amz-request-id: {requestId}\r\nDate: {DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture)}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. content];
    }

    private sealed class Rule(ProxyFault fault, int remaining, Func<ProxiedRequest, bool>? when)
    {
        public ProxyFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;

        public Func<ProxiedRequest, bool>? When { get; } = when;
    }
}
