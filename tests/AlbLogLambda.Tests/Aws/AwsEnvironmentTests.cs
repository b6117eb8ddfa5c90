using AlbLogLambda.Aws;

namespace AlbLogLambda.Tests.Aws;

public sealed class AwsEnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    [Fact]
    public void Endpoint_ServiceSpecificVariable_WinsOverGeneric() =>
        Assert.Equal(
            new Uri("http://127.0.0.1:4568/"),
            AwsEnvironment.Endpoint("S3", Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4568/"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566/"))));

    [Fact]
    public void Endpoint_OnlyGenericVariable_IsUsed() =>
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), AwsEnvironment.Endpoint("SNS", Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566/"))));

    [Fact]
    public void Endpoint_OtherServicesVariable_IsIgnored() =>
        Assert.Null(AwsEnvironment.Endpoint("SNS", Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4568/"))));

    [Fact]
    public void Endpoint_IgnoreConfiguredEndpointUrls_DisablesOverrides() =>
        Assert.Null(AwsEnvironment.Endpoint("S3", Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4568/"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))));

    [Theory]
    [InlineData("127.0.0.1:4568")]
    [InlineData("ftp://127.0.0.1/")]
    public void Endpoint_NotAnHttpUrl_ThrowsNamingTheVariable(string value)
    {
        var ex = Assert.Throws<FormatException>(() => AwsEnvironment.Endpoint("S3", Env(("AWS_ENDPOINT_URL_S3", value))));

        Assert.Contains("AWS_ENDPOINT_URL_S3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_EmptyValue_CountsAsUnset() => Assert.Null(AwsEnvironment.Region(Env(("AWS_REGION", ""))));
}
