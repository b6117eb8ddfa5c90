using System.Net;
using System.Net.Sockets;
using AlbLogLambda.Aws;
using AlbLogLambda.Core.Batch;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.S3;

/// <summary>
/// Opens log objects with S3 GetObject and hands out the response stream as it arrives (see <see cref="OpenedLogObject"/>).
/// The client is built once, with explicit timeouts and bounded SDK retries; S3 errors become
/// <see cref="LogObjectException"/>s (NoSuchKey and NoSuchBucket permanent, everything else retryable).
/// </summary>
/// <remarks>
/// Keys are used exactly as given: this source does not guess at decoding (the batch retries an EventBridge key
/// URL-decoded once when it is not found, see <see cref="LogObjectRef.KeyMayBeUrlEncoded"/>).
/// </remarks>
public sealed class S3LogObjectSource : ILogObjectSource, IDisposable
{
    private static readonly HashSet<string> s_notFoundCodes = new(StringComparer.Ordinal) { "NoSuchKey", "NoSuchBucket" };

    private static readonly HashSet<string> s_accessCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken",
        "TokenRefreshRequired", "AccountProblem",
    };

    private readonly AmazonS3Client _client;
    private readonly TimeSpan _readIdleTimeout;

    /// <param name="options">Region, endpoint, timeouts, retries.</param>
    /// <param name="credentials">Fixed credentials (tests); null lets the SDK resolve them with its default resolver,
    /// <c>DefaultAWSCredentialsIdentityResolver</c> (in Lambda: the environment's keys and session token), on first use.</param>
    public S3LogObjectSource(S3LogObjectSourceOptions options, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = CreateConfig(options);
        _client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        _readIdleTimeout = options.ReadIdleTimeout;
    }

    /// <summary>A source configured from the environment (<see cref="S3LogObjectSourceOptions.FromEnvironment"/>).</summary>
    public static S3LogObjectSource FromEnvironment() => new(S3LogObjectSourceOptions.FromEnvironment());

    public async Task<OpenedLogObject> OpenAsync(LogObjectRef logObject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logObject);
        var (bucket, key) = (logObject.Bucket, logObject.Key);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(key);
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, bucket, key, cancellationToken) is { } translated)
        {
            throw translated;
        }

        var content = new LogObjectReadStream(response.ResponseStream, _readIdleTimeout, bucket, key);
        return new OpenedLogObject(content, response.ETag, response.ContentLength >= 0 ? response.ContentLength : null, response);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The SDK configuration for <paramref name="options"/>.</summary>
    public static AmazonS3Config CreateConfig(S3LogObjectSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            // HttpClient.Timeout: bounds an attempt up to the response headers; LogObjectReadStream bounds the body.
            Timeout = options.RequestTimeout,
            ConnectTimeout = options.ConnectTimeout,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
        };

        if (options.Endpoint is { } endpoint)
        {
            // The override is applied explicitly. ServiceURL is only ever set here, never read: reading it before the
            // client is built makes the SDK drop AWS_ENDPOINT_URL_S3. Setting it clears RegionEndpoint, so the region
            // is the signing region instead.
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
            // The SDK picks path style for IP addresses by itself, not for host names such as localhost.
            config.ForcePathStyle = endpoint.IsLoopback || endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        }
        else if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    /// <summary>Maps an SDK or transport failure to a <see cref="LogObjectException"/>; null for caller cancellation and bugs.</summary>
    internal static LogObjectException? Translate(Exception exception, string bucket, string key, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (exception is AmazonServiceException service && (service.StatusCode != 0 || service.ErrorCode is not null))
        {
            var code = service.ErrorCode;
            var status = service.StatusCode;
            var failure = code switch
            {
                not null when s_notFoundCodes.Contains(code) => LogObjectFailure.NotFound,
                not null when code.StartsWith("KMS", StringComparison.Ordinal) => LogObjectFailure.Kms,
                not null when s_accessCodes.Contains(code) => LogObjectFailure.AccessDenied,
                not null when AwsRetryPolicy.IsThrottling(code) => LogObjectFailure.Throttled,
                _ when status == HttpStatusCode.NotFound && code is null => LogObjectFailure.NotFound,
                _ when status == HttpStatusCode.Forbidden => LogObjectFailure.AccessDenied,
                _ when status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => LogObjectFailure.Throttled,
                _ when (int)status >= 500 => LogObjectFailure.ServiceError,
                _ => TransportFailure(service.InnerException) ?? LogObjectFailure.Other,
            };
            return new LogObjectException(bucket, key, failure, service.Message, code, status == 0 ? null : status, exception);
        }

        if (TransportFailure(exception) is { } transport)
        {
            return new LogObjectException(bucket, key, transport, Describe(exception), innerException: exception);
        }

        if (exception is AmazonClientException)
        {
            return new LogObjectException(bucket, key, LogObjectFailure.Other, exception.Message, innerException: exception);
        }

        return null;
    }

    /// <summary>Timeout or network failure anywhere in the exception chain; null if neither.</summary>
    private static LogObjectFailure? TransportFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException or OperationCanceledException:
                    return LogObjectFailure.Timeout;
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return LogObjectFailure.Timeout;
                case HttpRequestException or SocketException or IOException:
                    // A timeout may sit further down the chain (HttpRequestException wrapping a connect timeout).
                    return TransportFailure(current.InnerException) == LogObjectFailure.Timeout
                        ? LogObjectFailure.Timeout
                        : LogObjectFailure.Network;
            }
        }

        return null;
    }

    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null && messages.Count < 4; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" → ", messages.Distinct(StringComparer.Ordinal));
    }
}
