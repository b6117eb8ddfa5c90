using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AlbLogLambda.Aws;

/// <summary>
/// Calls an AWS query API (form-encoded POST answered with XML): SNS Publish, CloudWatch and ELBv2. Signed with Signature
/// Version 4 by <see cref="SigV4RequestSigner"/>, each attempt bounded and signed anew, transient failures retried
/// with <see cref="AwsRetryPolicy"/>. Answers are parsed into an <see cref="XDocument"/> (no DTDs, no reflection).
/// </summary>
internal sealed class AwsQueryClient : IDisposable
{
    /// <summary>Error codes meaning that the caller is not allowed, or not recognized.</summary>
    private static readonly HashSet<string> s_deniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "InvalidClientTokenId",
        "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
        "MissingAuthenticationToken", "IncompleteSignature", "InvalidAccessKeyId", "OptInRequired",
    };

    private static readonly XmlReaderSettings s_xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    private readonly HttpClient _http;
    private readonly AWSCredentials? _credentials;
    private readonly DefaultAWSCredentialsIdentityResolver? _resolver;
    private readonly AwsQueryClientOptions _options;

    /// <param name="options">Timeouts and retries.</param>
    /// <param name="credentials">Fixed credentials (tests); null resolves them with the default chain on each call.</param>
    /// <param name="handler">Transport (tests); null for a handler with the connect timeout and no redirects.</param>
    public AwsQueryClient(AwsQueryClientOptions options, AWSCredentials? credentials = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        _options = options;
        _credentials = credentials;
        _resolver = credentials is null ? new DefaultAWSCredentialsIdentityResolver() : null;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // A redirected request would not be re-signed.
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt carries its own timeout token
        };
    }

    /// <summary>The public endpoint of a service in a region: <c>https://{host}.{region}.{partition DNS suffix}/</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not a region name (it would name another host).</exception>
    public static Uri DefaultEndpoint(string host, string region) =>
        Core.Evidence.RegionNames.IsWellFormed(region)
            ? new($"https://{host}.{region}.{RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix}/", UriKind.Absolute)
            : throw new ArgumentException($"'{region}' is not an AWS region name", nameof(region));

    /// <summary>Sends the call; returns the parsed answer of the first successful attempt.</summary>
    /// <exception cref="AwsQueryException">AWS refused the call, answered unreadably, or every attempt failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<XDocument> CallAsync(AwsQueryRequest call, CancellationToken cancellationToken) =>
        (await SendAsync(call, cancellationToken)).Document;

    /// <summary>Sends the call; returns the parsed answer of the first successful attempt and how many requests it took.</summary>
    /// <exception cref="AwsQueryException">AWS refused the call, answered unreadably, or every attempt failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<(XDocument Document, int Attempts)> SendAsync(AwsQueryRequest call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = FormBody(call);
        var credentials = _credentials ?? await ResolveCredentialsAsync(call, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            Failure failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.AttemptTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, call.Endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
                await SigV4RequestSigner.SignAsync(request, body, credentials, call.Region, call.Service, signedAt: null, timeout.Token);

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return (Parse(text) ?? throw new AwsQueryException(
                        $"{call.Action} answered {(int)response.StatusCode} with a body that is not XML: {Truncate(text)}",
                        denied: false, "InvalidResponse", Truncate(text), response.StatusCode, attempt, innerException: null), attempt);
                }

                var (code, message) = ParseError(text);
                var denied = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized || (code is not null && s_deniedCodes.Contains(code));
                failure = new Failure(!denied && AwsRetryPolicy.IsTransient(response.StatusCode, code), denied, code, message ?? Truncate(text), response.StatusCode, null);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new Failure(true, false, "Timeout", $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s", null, ex);
            }
            catch (HttpRequestException ex)
            {
                failure = new Failure(true, false, "ConnectionFailure", ex.Message, null, ex);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                failure = new Failure(true, false, "ConnectionFailure", ex.Message, null, ex);
            }

            if (!failure.Transient || attempt >= _options.MaxAttempts)
            {
                var status = failure.Status is { } s ? $"{(int)s} " : string.Empty;
                throw new AwsQueryException(
                    $"{call.Action} failed after {attempt} attempt(s): {status}{failure.Code}: {failure.Message}",
                    failure.Denied, failure.Code, failure.Message, failure.Status, attempt, failure.Exception)
                {
                    Transient = failure.Transient,
                };
            }

            await _options.Delay(AwsRetryPolicy.Backoff(attempt, _options.BaseDelay, _options.MaxDelay), cancellationToken);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _resolver?.Dispose();
    }

    /// <summary>Action, Version, then the parameters: RFC 3986 percent-encoding, UTF-8.</summary>
    internal static byte[] FormBody(AwsQueryRequest call)
    {
        var form = new StringBuilder(256);
        Append(form, "Action", call.Action);
        Append(form, "Version", call.Version);
        foreach (var (name, value) in call.Parameters)
        {
            Append(form, name, value);
        }

        return Encoding.UTF8.GetBytes(form.ToString());

        static void Append(StringBuilder form, string name, string value)
        {
            if (form.Length > 0)
            {
                form.Append('&');
            }

            form.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    /// <summary>The answer as a document; null when it is not XML.</summary>
    internal static XDocument? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var input = new StringReader(text);
            using var reader = XmlReader.Create(input, s_xml);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// The error's Code and Message (<c>ErrorResponse/Error</c>, or <c>ErrorResponse/Errors/Error</c> as some services
    /// and emulators nest it); both null when the body is not an error document.
    /// </summary>
    internal static (string? Code, string? Message) ParseError(string text)
    {
        var error = Parse(text)?.Root?.Find("Error");
        return error is null ? (null, null) : (error.ChildText("Code"), error.ChildText("Message"));
    }

    private async Task<AWSCredentials> ResolveCredentialsAsync(AwsQueryRequest call, CancellationToken cancellationToken)
    {
        try
        {
            return await _resolver!.ResolveIdentityAsync(null, cancellationToken);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsQueryException(
                $"{call.Action}: no AWS credentials could be resolved: {ex.Message}",
                denied: true, "CredentialsUnavailable", ex.Message, statusCode: null, attempts: 0, ex);
        }
    }

    private static string Truncate(string text) => text.Length <= 512 ? text : text[..512] + "…";

    private readonly record struct Failure(bool Transient, bool Denied, string? Code, string? Message, HttpStatusCode? Status, Exception? Exception);
}
