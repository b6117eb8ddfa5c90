using AlbLogLambda.Sns;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.Sns;

/// <summary>The production path: endpoint, region and credentials (with session token) from the environment, as in Lambda.</summary>
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class SnsPublisherEnvironmentTests
{
    [Fact]
    public async Task FromEnvironment_LambdaCredentialsAndEndpoint_SignsWithSessionTokenAndPostsThere()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, "<PublishResponse><PublishResult><MessageId>env-1</MessageId></PublishResult></PublishResponse>"));
        using var environment = new EnvironmentScope(
            ("AWS_ENDPOINT_URL_SNS", sns.BaseUri.AbsoluteUri),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9/"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null),
            ("AWS_REGION", "eu-north-1"),
            ("AWS_ACCESS_KEY_ID", "ASIAENVIRONMENTKEY01"),
            ("AWS_SECRET_ACCESS_KEY", "environment-secret"),
            ("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjENVIRONMENTTOKEN"),
            ("AWS_PROFILE", null));
        using var publisher = SnsPublisher.FromEnvironment();

        var result = await publisher.PublishAsync(
            new SnsMessage("arn:aws:sns:eu-north-1:123456789012:alb-502-alerts", "subject", "body", [], null, null),
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("env-1", result.MessageId);
        var request = Assert.Single(sns.Requests);
        Assert.Equal("IQoJb3JpZ2luX2VjENVIRONMENTTOKEN", request.Header("X-Amz-Security-Token"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAENVIRONMENTKEY01/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-north-1/sns/aws4_request,", request.Header("Authorization"), StringComparison.Ordinal);
    }
}
