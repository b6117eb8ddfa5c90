using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>One request as <see cref="FaultProxy"/> received it, with what it did to it and what the upstream answered.</summary>
public sealed class ProxiedRequest
{
    private int _upstreamStatus;

    internal ProxiedRequest(int number, string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Number = number;
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
    }

    /// <summary>1 for the first request the proxy received, counted over every connection.</summary>
    public int Number { get; }

    /// <summary>GET, PUT, POST, HEAD, ...</summary>
    public string Method { get; }

    /// <summary>The request target as sent: path and query, e.g. <c>/bucket/key?x-id=GetObject</c>.</summary>
    public string Target { get; }

    /// <summary>The path of <see cref="Target"/>, without the query.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>Header values by name (case-insensitive), several values joined with a comma.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body as sent (for <c>aws-chunked</c> uploads, with its chunk framing).</summary>
    public byte[] Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>
    /// The AWS service the request is signed for (the service of the SigV4 credential scope: <c>s3</c>, <c>sns</c>,
    /// ...), or null for an unsigned request.
    /// </summary>
    public string? SigningService
    {
        get
        {
            // Credential=AKID/20261124/us-east-1/s3/aws4_request
            var authorization = Header("Authorization");
            var at = authorization?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
            if (authorization is null || at < 0)
            {
                return null;
            }

            var scope = authorization[(at + "Credential=".Length)..].Split(',', 2)[0].Split('/');
            return scope.Length == 5 ? scope[3] : null;
        }
    }

    /// <summary>The fault injected instead of (or into) the upstream's answer; null when the request passed through.</summary>
    public ProxyFault? Fault { get; internal set; }

    /// <summary>The status the upstream answered with (0 while it has not, or when the request never reached it).</summary>
    public int UpstreamStatus
    {
        get => Volatile.Read(ref _upstreamStatus);
        internal set => Volatile.Write(ref _upstreamStatus, value);
    }

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>One line for failure messages.</summary>
    public override string ToString() =>
        $"#{Number} {Method} {Target} -> {(Fault is { } f ? f.Kind.ToString() : "upstream")}{(UpstreamStatus > 0 ? $" {UpstreamStatus}" : "")}";
}
