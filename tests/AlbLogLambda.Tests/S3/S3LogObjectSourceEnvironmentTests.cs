using AlbLogLambda.Core.Batch;
using AlbLogLambda.S3;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.S3;

/// <summary>
/// The production path: options and credentials from the process environment only (as in Lambda), proven against a
/// real s3rver on 127.0.0.1.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class S3LogObjectSourceEnvironmentTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private const string Key =
        "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/"
        + "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1010Z_10.0.2.57_1q8c7m2z.log.gz";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    private static EnvironmentScope LambdaLikeEnvironment(string? s3Endpoint, string? genericEndpoint) => new(
        ("AWS_ENDPOINT_URL_S3", s3Endpoint),
        ("AWS_ENDPOINT_URL", genericEndpoint),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", S3rverServer.AccessKeyId),
        ("AWS_SECRET_ACCESS_KEY", S3rverServer.SecretAccessKey),
        ("AWS_SESSION_TOKEN", null),
        ("AWS_PROFILE", null));

    [Fact]
    public async Task FromEnvironment_AwsEndpointUrlS3_ReadsTheObjectFromS3rver()
    {
        var content = "http 2026-11-24T10:09:59.123456Z app/my-alb/50dc6c495c0c9188 ..."u8.ToArray();
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, Key, content);
        using var environment = LambdaLikeEnvironment(s3.Server.ServiceUrl.AbsoluteUri, genericEndpoint: "http://127.0.0.1:9/");
        using var source = S3LogObjectSource.FromEnvironment();

        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, Key), CancellationToken.None).WaitAsync(s_bound);
        using var received = new MemoryStream();
        await logObject.Content.CopyToAsync(received);

        Assert.Equal(content, received.ToArray());
    }

    [Fact]
    public async Task FromEnvironment_AwsEndpointUrl_IsTheFallbackForS3()
    {
        var content = "generic endpoint"u8.ToArray();
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, "generic/" + Key, content);
        using var environment = LambdaLikeEnvironment(s3Endpoint: null, genericEndpoint: s3.Server.ServiceUrl.AbsoluteUri);
        using var source = S3LogObjectSource.FromEnvironment();

        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, "generic/" + Key), CancellationToken.None).WaitAsync(s_bound);
        using var received = new MemoryStream();
        await logObject.Content.CopyToAsync(received);

        Assert.Equal(content, received.ToArray());
    }

    [Fact]
    public async Task FromEnvironment_AwsEndpointUrlS3_SendsPathStyleSignedRequestsToThatEndpoint()
    {
        await using var endpoint = new RecordingHttpServer
        {
            Fallback = new ScriptedResponse(200, "log") { ContentType = "application/octet-stream" },
        };
        using var environment = LambdaLikeEnvironment(endpoint.BaseUri.AbsoluteUri, genericEndpoint: null);
        using var source = S3LogObjectSource.FromEnvironment();

        await using (await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, Key), CancellationToken.None).WaitAsync(s_bound))
        {
        }

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/{S3rverFixture.Bucket}/{Key}", request.Path);
        Assert.StartsWith(
            $"AWS4-HMAC-SHA256 Credential={S3rverServer.AccessKeyId}/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/us-east-1/s3/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }
}
