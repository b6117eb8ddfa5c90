using AlbLogLambda.Aws;
namespace AlbLogLambda.S3;

/// <summary>How <see cref="S3LogObjectSource"/> reaches S3: region, endpoint override, timeouts, SDK retries.</summary>
public sealed record S3LogObjectSourceOptions
{
    /// <summary>The region (AWS_REGION); null leaves it to the SDK's own resolution.</summary>
    public string? Region { get; init; }

    /// <summary>An endpoint override (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL); null for the public S3 endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Bound on establishing a connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on one GetObject attempt up to the response headers (the SDK's HttpClient timeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Bound on one read of the body: how long the object may stall before reading fails.</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>SDK retries after the first attempt (standard retry mode: throttling, 5xx, network).</summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>Options from the environment: AWS_REGION, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL.</summary>
    /// <param name="environment">Variable lookup; the process environment by default.</param>
    public static S3LogObjectSourceOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= AwsEnvironment.ProcessVariable;
        return new S3LogObjectSourceOptions
        {
            Region = AwsEnvironment.Region(environment),
            Endpoint = AwsEnvironment.Endpoint("S3", environment),
        };
    }
}
