using System.Globalization;
using System.Xml.Linq;
using AlbLogLambda.Aws;
using Amazon.Runtime;

namespace AlbLogLambda.Sns;

/// <summary>
/// SNS <c>Publish</c> over the SNS query API (form-encoded POST, API version 2010-03-31), sent by the same
/// <see cref="AwsQueryClient"/> as CloudWatch and ELBv2 (SigV4 by AWSSDK.Core's signer, bounded attempts, the shared
/// retry policy). Transport only: the caller builds subject, body, attributes and FIFO ids. The one file to replace
/// with <c>AmazonSimpleNotificationServiceClient</c> when that package is served.
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
    private const string ApiVersion = "2010-03-31";

    private readonly AwsQueryClient _query;
    private readonly SnsPublisherOptions _options;

    /// <param name="options">Endpoint, region, timeouts, retries.</param>
    /// <param name="credentials">Fixed credentials (tests); null resolves them with the default chain
    /// (in Lambda: the environment's keys with their session token).</param>
    /// <param name="handler">Transport (tests); null for a handler with the connect timeout and no redirects.</param>
    public SnsPublisher(SnsPublisherOptions options, AWSCredentials? credentials = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        _options = options;
        _query = new AwsQueryClient(
            new AwsQueryClientOptions
            {
                MaxAttempts = options.MaxAttempts,
                AttemptTimeout = options.AttemptTimeout,
                ConnectTimeout = options.ConnectTimeout,
                BaseDelay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                Delay = options.Delay,
            },
            credentials,
            handler);
    }

    /// <summary>A publisher configured from the environment (<see cref="SnsPublisherOptions.FromEnvironment"/>).</summary>
    public static SnsPublisher FromEnvironment() => new(SnsPublisherOptions.FromEnvironment());

    /// <summary>Publishes <paramref name="message"/>; returns SNS's MessageId.</summary>
    /// <exception cref="SnsPublishException">SNS refused the message, or every attempt failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<SnsPublishResult> PublishAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        var call = Request(message, _options);
        XDocument answer;
        int attempts;
        try
        {
            (answer, attempts) = await _query.SendAsync(call, cancellationToken);
        }
        catch (AwsQueryException ex)
        {
            throw Failed(message, ex);
        }

        var (messageId, sequenceNumber) = SnsResponseParser.ParsePublishResult(answer);
        if (string.IsNullOrEmpty(messageId))
        {
            // SNS said yes but the answer is unreadable: the message was probably published, so no retry.
            throw new SnsPublishException(
                $"SNS Publish to {message.TopicArn} answered without a MessageId.",
                retryable: false, "InvalidResponse", Truncate(answer.ToString()), statusCode: null, attempts, innerException: null);
        }

        return new SnsPublishResult(messageId, sequenceNumber, attempts);
    }

    public void Dispose() => _query.Dispose();

    /// <summary>The Publish call: Action=Publish&amp;Version=2010-03-31&amp;TopicArn=…, attributes as MessageAttributes.entry.N.</summary>
    internal static AwsQueryRequest Request(SnsMessage message, SnsPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.TopicArn);
        ArgumentException.ThrowIfNullOrEmpty(message.Body);

        var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", message.TopicArn) };
        if (!string.IsNullOrEmpty(message.Subject)) parameters.Add(new("Subject", message.Subject));
        parameters.Add(new("Message", message.Body));
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
            parameters.Add(new(prefix + "Name", attribute.Name));
            parameters.Add(new(prefix + "Value.DataType", attribute.DataType));
            parameters.Add(new(prefix + "Value.StringValue", attribute.Value));
        }

        if (!string.IsNullOrEmpty(message.MessageGroupId)) parameters.Add(new("MessageGroupId", message.MessageGroupId));
        if (!string.IsNullOrEmpty(message.MessageDeduplicationId)) parameters.Add(new("MessageDeduplicationId", message.MessageDeduplicationId));

        var region = options.Region ?? RegionFromTopicArn(message.TopicArn);
        return new AwsQueryRequest(options.Endpoint ?? DefaultEndpoint(region), region, Service, "Publish", ApiVersion, parameters);
    }

    /// <summary>The form body of the Publish call, RFC 3986 percent-encoding, UTF-8 (what is signed and sent).</summary>
    internal static byte[] FormBody(SnsMessage message) => AwsQueryClient.FormBody(Request(message, new SnsPublisherOptions { Region = "us-east-1" }));

    /// <summary>The query client's failure in SNS's words: transient or permanent, the status and code, and for a refusal of size the figures.</summary>
    private static SnsPublishException Failed(SnsMessage message, AwsQueryException ex)
    {
        // No credentials in the environment is a setup problem an operator fixes, after which a redrive succeeds.
        bool retryable = ex.Transient || ex.ErrorCode == "CredentialsUnavailable";
        if (ex.ErrorCode == "CredentialsUnavailable")
        {
            return new SnsPublishException(
                $"SNS Publish to {message.TopicArn}: no AWS credentials could be resolved: {ex.ErrorMessage}",
                retryable, ex.ErrorCode, ex.ErrorMessage, statusCode: null, attempts: 0, ex);
        }

        var kind = ex.Transient ? "transient" : "permanent";
        var status = ex.StatusCode is { } s ? $"{(int)s} " : string.Empty;
        // SNS words a refusal for size differently by API and emulator ("Message too long"); the figures say it plainly.
        var size = !ex.Transient && message.SizeInBytes > SnsMessage.MaxSizeInBytes
            ? string.Create(CultureInfo.InvariantCulture, $" (the message is {message.SizeInBytes:N0} bytes with its attributes; SNS takes at most {SnsMessage.MaxSizeInBytes:N0})")
            : string.Empty;
        return new SnsPublishException(
            $"SNS Publish to {message.TopicArn} failed ({kind}) after {ex.Attempts} attempt(s): {status}{ex.ErrorCode}: {ex.ErrorMessage}{size}",
            retryable, ex.ErrorCode, ex.ErrorMessage, ex.StatusCode, ex.Attempts, ex.InnerException);
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

    internal static Uri DefaultEndpoint(string region) => AwsQueryClient.DefaultEndpoint("sns", region);

    private static string Truncate(string text) => text.Length <= 512 ? text : text[..512] + "…";
}
