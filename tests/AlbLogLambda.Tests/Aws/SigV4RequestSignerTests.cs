using System.Net.Http.Headers;
using AlbLogLambda.Aws;
using Amazon.Runtime;

namespace AlbLogLambda.Tests.Aws;

/// <summary>
/// The signing path the SNS publisher uses (<see cref="SigV4RequestSigner"/> over AWSSDK.Core's standalone signer),
/// checked against AWS's published Signature Version 4 examples: Amazon S3 API Reference, "Signature Calculations for
/// the Authorization Header: Transferring Payload in a Single Chunk", section "Examples: Signature Calculations"
/// (GET Object and PUT Object).
/// </summary>
/// <remarks>
/// The generic aws-sig-v4-test-suite vectors (get-vanilla, post-x-www-form-urlencoded, credentials AKIDEXAMPLE) sign
/// only host and x-amz-date. AWSSDK.Core's signer always adds and signs x-amz-content-sha256, so it cannot reproduce
/// those signatures; the S3 examples sign x-amz-content-sha256 too and are reproducible bit for bit.
/// </remarks>
public sealed class SigV4RequestSignerTests
{
    private static readonly AWSCredentials s_exampleCredentials =
        new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static readonly DateTime s_exampleTime = new(2013, 5, 24, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task SignAsync_AwsGetObjectExample_ProducesThePublishedSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.Range = new RangeHeaderValue(0, 9);

        await SigV4RequestSigner.SignAsync(request, [], s_exampleCredentials, "us-east-1", "s3", s_exampleTime, CancellationToken.None);

        var authorization = Header(request, "Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,", authorization, StringComparison.Ordinal);
        Assert.EndsWith("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", authorization, StringComparison.Ordinal);
        Assert.Equal("20130524T000000Z", Header(request, "X-Amz-Date"));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Header(request, "X-Amz-Content-SHA256"));
    }

    [Fact]
    public async Task SignAsync_AwsPutObjectExample_ProducesThePublishedSignature()
    {
        var body = "Welcome to Amazon S3."u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://examplebucket.s3.amazonaws.com/test%24file.text")
        {
            Content = new ByteArrayContent(body),
        };
        request.Headers.Date = new DateTimeOffset(s_exampleTime);
        request.Headers.TryAddWithoutValidation("x-amz-storage-class", "REDUCED_REDUNDANCY");

        await SigV4RequestSigner.SignAsync(request, body, s_exampleCredentials, "us-east-1", "s3", s_exampleTime, CancellationToken.None);

        var authorization = Header(request, "Authorization");
        Assert.Contains("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,", authorization, StringComparison.Ordinal);
        Assert.EndsWith("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", authorization, StringComparison.Ordinal);
        Assert.Equal("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", Header(request, "X-Amz-Content-SHA256"));
    }

    [Fact]
    public async Task SignAsync_ChangedBody_ChangesTheSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://examplebucket.s3.amazonaws.com/test%24file.text");
        request.Headers.Date = new DateTimeOffset(s_exampleTime);
        request.Headers.TryAddWithoutValidation("x-amz-storage-class", "REDUCED_REDUNDANCY");

        await SigV4RequestSigner.SignAsync(
            request, "Welcome to Amazon S3!"u8.ToArray(), s_exampleCredentials, "us-east-1", "s3", s_exampleTime, CancellationToken.None);

        Assert.DoesNotContain("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", Header(request, "Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignAsync_SessionCredentials_SignsAndSendsTheSecurityToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://sns.eu-west-1.amazonaws.com/")
        {
            Content = new ByteArrayContent("Action=Publish"u8.ToArray()),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        var credentials = new SessionAWSCredentials("ASIAEXAMPLESESSION01", "secret", "IQoJb3JpZ2luX2VjEXAMPLETOKEN==");

        await SigV4RequestSigner.SignAsync(request, "Action=Publish"u8.ToArray(), credentials, "eu-west-1", "sns", null, CancellationToken.None);

        Assert.Equal("IQoJb3JpZ2luX2VjEXAMPLETOKEN==", Header(request, "X-Amz-Security-Token"));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,", Header(request, "Authorization"), StringComparison.Ordinal);
        Assert.Contains("Credential=ASIAEXAMPLESESSION01/", Header(request, "Authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/sns/aws4_request,", Header(request, "Authorization"), StringComparison.Ordinal);
    }

    private static string Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header");
}
