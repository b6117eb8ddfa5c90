using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>One request as <see cref="RecordingHttpServer"/> received it.</summary>
/// <param name="Method">GET, POST, …</param>
/// <param name="Path">The raw path and query, e.g. <c>/2018-06-01/runtime/invocation/next</c>.</param>
/// <param name="Headers">Header values by name (case-insensitive), several values joined with a comma.</param>
/// <param name="Body">The request body bytes.</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>When the server finished reading the request.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The client's port: requests with the same port came over the same connection.</summary>
    public int RemotePort { get; init; }

    /// <summary>One line for a failure message: arrival time, client port, method and path.</summary>
    public string Summary => $"{ReceivedAt:HH:mm:ss.fff} port {RemotePort} {Method} {Path}";

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>An answer scripted for <see cref="RecordingHttpServer"/>.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body text (UTF-8).</param>
public sealed record ScriptedResponse(int Status, string Body = "")
{
    /// <summary>Waits this long before answering (bounded by the server's disposal).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Never answers: the request hangs until the server is disposed (an endpoint that accepts and stalls).</summary>
    public bool NeverAnswer { get; init; }

    /// <summary>
    /// Declares this Content-Length, sends <see cref="Body"/>, then stalls until disposal: a body that stops
    /// mid-way. Must be larger than the body.
    /// </summary>
    public long? StallAfterBodyWithContentLength { get; init; }

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The Content-Type of the body.</summary>
    public string ContentType { get; init; } = "text/xml";
}
