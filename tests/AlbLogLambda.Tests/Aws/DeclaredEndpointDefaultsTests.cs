using AlbLogLambda.S3;
using AlbLogLambda.Sns;
using AlbLogLambda.TestSupport;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.Tests.Aws;

/// <summary>
/// template.yaml declares AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_SNS with empty values, so that
/// `sam local invoke --env-vars` can set them. Deployed, they are empty: that, like an absent variable, means AWS.
/// </summary>
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class DeclaredEndpointDefaultsTests
{
    public static TheoryData<string?> UnsetValues() => new(null, "");

    [Theory]
    [MemberData(nameof(UnsetValues))]
    public void EndpointVariables_AbsentOrEmpty_MeanTheAwsEndpoints(string? value)
    {
        // The SDK reads the process environment too: nothing there may stand in for the value under test.
        using var environment = new EnvironmentScope(("AWS_ENDPOINT_URL_S3", null), ("AWS_ENDPOINT_URL_SNS", null), ("AWS_ENDPOINT_URL", null),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null));
        string? Lookup(string name) => name switch
        {
            "AWS_ENDPOINT_URL_S3" or "AWS_ENDPOINT_URL_SNS" => value,
            "AWS_REGION" => "eu-west-1",
            _ => null,
        };

        var s3Options = S3LogObjectSourceOptions.FromEnvironment(Lookup);
        var snsOptions = SnsPublisherOptions.FromEnvironment(Lookup);

        Assert.Null(s3Options.Endpoint);
        Assert.Null(snsOptions.Endpoint);
        using var s3 = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"), S3LogObjectSource.CreateConfig(s3Options));
        var endpoint = s3.DetermineServiceOperationEndpoint(new GetObjectRequest { BucketName = "alb-logs-123456789012", Key = "AWSLogs/x.log.gz" });
        Assert.Equal("https://alb-logs-123456789012.s3.eu-west-1.amazonaws.com", endpoint.URL.TrimEnd('/'));
        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com/"), SnsPublisher.DefaultEndpoint("eu-west-1"));
    }

    [Fact]
    public void EndpointVariables_Set_PointAtTheLocalServers()
    {
        string? Lookup(string name) => name switch
        {
            "AWS_ENDPOINT_URL_S3" => "http://127.0.0.1:4568",
            "AWS_ENDPOINT_URL_SNS" => "http://127.0.0.1:4575",
            _ => null,
        };

        Assert.Equal(new Uri("http://127.0.0.1:4568/"), S3LogObjectSourceOptions.FromEnvironment(Lookup).Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4575/"), SnsPublisherOptions.FromEnvironment(Lookup).Endpoint);
    }
}
