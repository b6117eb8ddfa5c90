using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using AlbLogLambda.Aws;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AlbLogLambda.Sns;

/// <summary>
/// SNS <c>Publish</c> over the SNS query API (form-encoded POST, API version 2010-03-31), signed with Signature
/// Version 4 by AWSSDK.Core's standalone signer. Transport only: the caller builds subject, body, attributes and FIFO ids.
/// </summary>
/// <remarks>
/// Each attempt is bounded by <see cref="SnsPublisherOptions.AttemptTimeout"/>; transient failures (5xx, throttling
/// error codes, 429, timeouts, connection failures) are retried up to <see cref="SnsPublisherOptions.MaxAttempts"/>
/// with capped exponential backoff and jitter, each attempt signed anew. A final failure throws
/// <see cref="SnsPublishException"/>.
/// </remarks>
internal sealed class SnsPublisher : IDisposable
{
    private const string Service = "sns";

    private readonly HttpClient _http;
    private readonly AWSCredentials? _credentials;
    private readonly DefaultAWSCredentialsIdentityResolver? _resolver;
    private readonly SnsPublisherOptions _options;

    /// <param name="options">Endpoint, region, timeouts, retries.</param>
    /// <param name="credentials">Fixed credentials (tests); null resolves them with <see cref="DefaultAWSCredentialsIdentityResolver"/>
    /// (in Lambda: the environment's keys with their session token).</param>
    /// <param name="handler">Transport (tests); null for a handler with the connect timeout and no redirects.</param>
    public SnsPublisher(SnsPublisherOptions options, AWSCredentials? credentials = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        _options = options;
        _credentials = credentials;
        _resolver = credentials is null ? new DefaultAWSCredentialsIdentityResolver() : null;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // A redirected request would not be re-signed (and SNS does not redirect).
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt carries its own timeout token
        };
    }

    /// <summary>A publisher configured from the environment (<see cref="SnsPublisherOptions.FromEnvironment"/>).</summary>
    public static SnsPublisher FromEnvironment() => new(SnsPublisherOptions.FromEnvironment());

    /// <summary>Publishes <paramref name="message"/>; returns SNS's MessageId.</summary>
    /// <exception cref="SnsPublishException">SNS refused the message, or every attempt failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<SnsPublishResult> PublishAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var region = _options.Region ?? RegionFromTopicArn(message.TopicArn);
        var endpoint = _options.Endpoint ?? DefaultEndpoint(region);
        var body = FormBody(message);
        var credentials = _credentials ?? await ResolveCredentialsAsync(message.TopicArn, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            Failure failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.AttemptTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
                await SigV4RequestSigner.SignAsync(request, body, credentials, region, Service, signedAt: null, timeout.Token);

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    var (messageId, sequenceNumber) = SnsResponseParser.ParsePublishResult(text);
                    if (string.IsNullOrEmpty(messageId))
                    {
                        // SNS said yes but the answer is unreadable: the message was probably published, so no retry.
                        throw new SnsPublishException(
                            $"SNS Publish to {message.TopicArn} answered {(int)response.StatusCode} without a MessageId.",
                            retryable: false, "InvalidResponse", Truncate(text), response.StatusCode, attempt, innerException: null);
                    }

                    return new SnsPublishResult(messageId, sequenceNumber, attempt);
                }

                var (code, errorMessage) = SnsResponseParser.ParseError(text);
                failure = new Failure(IsTransient(response.StatusCode, code), code, errorMessage ?? Truncate(text), response.StatusCode, null);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new Failure(true, "Timeout", $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s", null, ex);
            }
            catch (HttpRequestException ex)
            {
                failure = new Failure(true, "ConnectionFailure", ex.Message, null, ex);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                failure = new Failure(true, "ConnectionFailure", ex.Message, null, ex);
            }

            if (!failure.Transient || attempt >= _options.MaxAttempts)
            {
                var kind = failure.Transient ? "transient" : "permanent";
                var status = failure.Status is { } s ? $"{(int)s} " : string.Empty;
                // SNS words a refusal for size differently by API and emulator ("Message too long"); the figures say it plainly.
                var size = !failure.Transient && message.SizeInBytes > SnsMessage.MaxSizeInBytes
                    ? string.Create(CultureInfo.InvariantCulture, $" (the message is {message.SizeInBytes:N0} bytes with its attributes; SNS takes at most {SnsMessage.MaxSizeInBytes:N0})")
                    : string.Empty;
                throw new SnsPublishException(
                    $"SNS Publish to {message.TopicArn} failed ({kind}) after {attempt} attempt(s): {status}{failure.Code}: {failure.Message}{size}",
                    failure.Transient, failure.Code, failure.Message, failure.Status, attempt, failure.Exception);
            }

            await _options.Delay(Backoff(attempt), cancellationToken);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _resolver?.Dispose();
    }

    private async Task<AWSCredentials> ResolveCredentialsAsync(string topicArn, CancellationToken cancellationToken)
    {
        try
        {
            return await _resolver!.ResolveIdentityAsync(null, cancellationToken);
        }
        catch (AmazonClientException ex)
        {
            // No credentials in the environment: a setup problem an operator fixes, after which a redrive succeeds.
            throw new SnsPublishException(
                $"SNS Publish to {topicArn}: no AWS credentials could be resolved: {ex.Message}",
                retryable: true, "CredentialsUnavailable", ex.Message, statusCode: null, attempts: 0, ex);
        }
    }

    /// <summary>The form body: Action=Publish&amp;Version=2010-03-31&amp;TopicArn=…, RFC 3986 percent-encoding, UTF-8.</summary>
    internal static byte[] FormBody(SnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.TopicArn);
        ArgumentException.ThrowIfNullOrEmpty(message.Body);

        var form = new StringBuilder(message.Body.Length + 512);
        Append(form, "Action", "Publish");
        Append(form, "Version", "2010-03-31");
        Append(form, "TopicArn", message.TopicArn);
        if (!string.IsNullOrEmpty(message.Subject))
        {
            Append(form, "Subject", message.Subject);
        }

        Append(form, "Message", message.Body);
        var n = 0;
        foreach (var attribute in message.Attributes ?? [])
        {
            if (attribute.DataType is not ("String" or "Number" or "String.Array"))
            {
                throw new ArgumentException(
                    $"Message attribute '{attribute.Name}' has data type '{attribute.DataType}'; expected String, Number or String.Array.",
                    nameof(message));
            }

            n++;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{n}.");
            Append(form, prefix + "Name", attribute.Name);
            Append(form, prefix + "Value.DataType", attribute.DataType);
            Append(form, prefix + "Value.StringValue", attribute.Value);
        }

        if (!string.IsNullOrEmpty(message.MessageGroupId))
        {
            Append(form, "MessageGroupId", message.MessageGroupId);
        }

        if (!string.IsNullOrEmpty(message.MessageDeduplicationId))
        {
            Append(form, "MessageDeduplicationId", message.MessageDeduplicationId);
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

    /// <summary>The region field of <c>arn:partition:sns:region:account:topic</c>.</summary>
    internal static string RegionFromTopicArn(string topicArn)
    {
        var parts = (topicArn ?? string.Empty).Split(':');
        if (parts.Length < 6 || parts[0] != "arn" || parts[2] != "sns" || parts[3].Length == 0)
        {
            throw new ArgumentException($"'{topicArn}' is not an SNS topic ARN (arn:aws:sns:region:account:name).", nameof(topicArn));
        }

        return parts[3];
    }

    internal static Uri DefaultEndpoint(string region) =>
        new($"https://sns.{region}.{RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix}/", UriKind.Absolute);

    private static bool IsTransient(HttpStatusCode status, string? code) => AwsRetryPolicy.IsTransient(status, code);

    private TimeSpan Backoff(int attempt) => AwsRetryPolicy.Backoff(attempt, _options.BaseDelay, _options.MaxDelay);

    private static string Truncate(string text) => text.Length <= 512 ? text : text[..512] + "…";

    private readonly record struct Failure(bool Transient, string? Code, string? Message, HttpStatusCode? Status, Exception? Exception);
}
