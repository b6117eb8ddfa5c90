using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.S3;
using AlbLogLambda.TestSupport;
using Amazon.Runtime;

namespace AlbLogLambda.Tests.S3;

[Trait("Category", "Integration")]
public sealed class S3LogObjectSourceTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private const string Key =
        "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/"
        + "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    /// <summary>Bounds every test's wait for an answer; far above the configured timeouts, so never what decides.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    private static S3LogObjectSourceOptions FastOptions(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(2),
        ReadIdleTimeout = TimeSpan.FromSeconds(2),
        MaxErrorRetry = 1,
    };

    private static string S3Error(string code, string message) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>""";

    [Fact]
    public async Task OpenAsync_UploadedObject_StreamsTheExactBytesWithETagAndLength()
    {
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(20261124).NextBytes(content);
        var key = "stream/" + Key;
        var etag = await s3.Server.PutObjectAsync(S3rverFixture.Bucket, key, content);
        using var source = new S3LogObjectSource(FastOptions(s3.Server.ServiceUrl), S3rverServer.Credentials);

        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, key), CancellationToken.None);
        Assert.False(logObject.Content.CanSeek); // a live response stream, not a buffer
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await logObject.Content.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        Assert.Equal(content, received.ToArray());
        Assert.Equal(etag, logObject.ETag);
#pragma warning disable CA5351 // S3 defines a single-part object's ETag as its MD5; nothing is protected with it here.
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), logObject.ETag);
#pragma warning restore CA5351
        Assert.Equal(content.Length, logObject.ContentLength);
    }

    [Fact]
    public async Task OpenAsync_KeyWithSpaceAndEquals_OpensTheDecodedKey()
    {
        var key = "alb logs/env=prod/" + Key;
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, key, "gz"u8.ToArray());
        using var source = new S3LogObjectSource(FastOptions(s3.Server.ServiceUrl), S3rverServer.Credentials);

        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, key), CancellationToken.None);
        using var reader = new StreamReader(logObject.Content);

        Assert.Equal("gz", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task OpenAsync_MissingKey_ThrowsPermanentNotFound()
    {
        using var source = new S3LogObjectSource(FastOptions(s3.Server.ServiceUrl), S3rverServer.Credentials);

        var ex = await Assert.ThrowsAsync<LogObjectException>(
            () => source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, "missing/" + Key), CancellationToken.None));

        Assert.Equal(LogObjectFailure.NotFound, ex.Failure);
        Assert.False(ex.Retryable);
        Assert.Equal("NoSuchKey", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("missing/AWSLogs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MissingBucket_ThrowsPermanentNotFound()
    {
        using var source = new S3LogObjectSource(FastOptions(s3.Server.ServiceUrl), S3rverServer.Credentials);

        var ex = await Assert.ThrowsAsync<LogObjectException>(
            () => source.OpenAsync(new LogObjectRef("no-such-bucket-123456789012", Key), CancellationToken.None));

        Assert.Equal(LogObjectFailure.NotFound, ex.Failure);
        Assert.False(ex.Retryable);
        Assert.Equal("NoSuchBucket", ex.ErrorCode);
    }

    [Fact]
    public async Task OpenAsync_UnknownAccessKey_ThrowsRetryableAccessDenied()
    {
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, "denied/" + Key, [1, 2, 3]);
        using var source = new S3LogObjectSource(
            FastOptions(s3.Server.ServiceUrl), new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", S3rverServer.SecretAccessKey));

        var ex = await Assert.ThrowsAsync<LogObjectException>(
            () => source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, "denied/" + Key), CancellationToken.None));

        Assert.Equal(LogObjectFailure.AccessDenied, ex.Failure);
        Assert.True(ex.Retryable);
        Assert.Equal("InvalidAccessKeyId", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
    }

    [Theory]
    [InlineData(403, "AccessDenied", nameof(LogObjectFailure.AccessDenied))]
    [InlineData(403, "KMS.DisabledException", nameof(LogObjectFailure.Kms))]
    [InlineData(400, "KMS.KMSInvalidStateException", nameof(LogObjectFailure.Kms))]
    [InlineData(503, "SlowDown", nameof(LogObjectFailure.Throttled))]
    [InlineData(500, "InternalError", nameof(LogObjectFailure.ServiceError))]
    public async Task OpenAsync_S3Error_ThrowsRetryableWithFailureKind(int status, string code, string expected)
    {
        await using var endpoint = new RecordingHttpServer { Fallback = new ScriptedResponse(status, S3Error(code, "scripted")) };
        using var source = new S3LogObjectSource(FastOptions(endpoint.BaseUri), S3rverServer.Credentials);

        var ex = await Assert.ThrowsAsync<LogObjectException>(
            () => source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, Key), CancellationToken.None).WaitAsync(s_bound));

        Assert.Equal(Enum.Parse<LogObjectFailure>(expected), ex.Failure);
        Assert.True(ex.Retryable);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
    }

    [Fact]
    public async Task OpenAsync_UnreachableEndpoint_ThrowsRetryableNetworkFailure()
    {
        var closedPort = ClosedLoopbackPort();
        using var source = new S3LogObjectSource(FastOptions(new Uri($"http://127.0.0.1:{closedPort}/")), S3rverServer.Credentials);

        var ex = await Assert.ThrowsAsync<LogObjectException>(
            () => source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, Key), CancellationToken.None).WaitAsync(s_bound));

        Assert.True(ex.Retryable);
        Assert.Equal(LogObjectFailure.Network, ex.Failure);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task Read_BodyStallsMidway_ThrowsRetryableTimeout()
    {
        await using var endpoint = new RecordingHttpServer
        {
            Fallback = new ScriptedResponse(200, "first bytes")
            {
                StallAfterBodyWithContentLength = 1_000_000,
                ContentType = "application/octet-stream",
                Headers = new Dictionary<string, string> { ["ETag"] = "\"9b2cf535f27731c974343645a3985328\"" },
            },
        };
        using var source = new S3LogObjectSource(FastOptions(endpoint.BaseUri), S3rverServer.Credentials);
        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, Key), CancellationToken.None).WaitAsync(s_bound);
        Assert.Equal("9b2cf535f27731c974343645a3985328", logObject.ETag);
        Assert.Equal(1_000_000, logObject.ContentLength);

        var ex = await Assert.ThrowsAsync<LogObjectException>(async () =>
        {
            var buffer = new byte[4096];
            while (await logObject.Content.ReadAsync(buffer).AsTask().WaitAsync(s_bound) > 0)
            {
            }
        });

        Assert.Equal(LogObjectFailure.Timeout, ex.Failure);
        Assert.True(ex.Retryable);
    }

    [Fact]
    public async Task OpenAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var endpoint = new RecordingHttpServer { Fallback = new ScriptedResponse(200) { NeverAnswer = true } };
        using var source = new S3LogObjectSource(FastOptions(endpoint.BaseUri) with { RequestTimeout = TimeSpan.FromSeconds(60) }, S3rverServer.Credentials);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, Key), cts.Token).WaitAsync(s_bound));
    }

    [Fact]
    public void CreateConfig_LocalhostEndpoint_ForcesPathStyleAndSigningRegion()
    {
        var config = S3LogObjectSource.CreateConfig(new S3LogObjectSourceOptions
        {
            Endpoint = new Uri("http://localhost:4568/"),
            Region = "eu-west-1",
        });

        Assert.True(config.ForcePathStyle);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.Equal("http://localhost:4568/", config.ServiceURL);
        Assert.Equal(TimeSpan.FromSeconds(20), config.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), config.ConnectTimeout);
        Assert.Equal(2, config.MaxErrorRetry);
    }

    private static int ClosedLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
