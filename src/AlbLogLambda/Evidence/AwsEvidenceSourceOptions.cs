using AlbLogLambda.Aws;
using AlbLogLambda.CloudWatch;
using AlbLogLambda.ElasticLoadBalancing;

namespace AlbLogLambda.Evidence;

/// <summary>Budget, cache lifetime, endpoints and transport settings of <see cref="AwsEvidenceSource"/>.</summary>
internal sealed record AwsEvidenceSourceOptions
{
    /// <summary>
    /// The time all evidence of one load balancer may take; what has not answered by then is unavailable (timeout).
    /// A few seconds: the alert must not wait on figures that only add to it.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long target group and load balancer configuration answers are reused.</summary>
    public TimeSpan ConfigurationLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts, per-attempt timeout and backoff of each call (all within <see cref="Budget"/>).</summary>
    public AwsQueryClientOptions Query { get; init; } = new();

    /// <summary>CloudWatch endpoint override; null for the region's public endpoint.</summary>
    public Uri? CloudWatchEndpoint { get; init; }

    /// <summary>Elastic Load Balancing v2 endpoint override; null for the region's public endpoint.</summary>
    public Uri? ElasticLoadBalancingEndpoint { get; init; }

    /// <summary>Options from the environment: AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2, AWS_ENDPOINT_URL.</summary>
    /// <param name="environment">Variable lookup; the process environment by default.</param>
    /// <exception cref="FormatException">An endpoint variable is set but is not an absolute http(s) URL.</exception>
    public static AwsEvidenceSourceOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= AwsEnvironment.ProcessVariable;
        return new AwsEvidenceSourceOptions
        {
            CloudWatchEndpoint = AwsEnvironment.Endpoint(CloudWatchClient.ServiceId, environment),
            ElasticLoadBalancingEndpoint = AwsEnvironment.Endpoint(ElasticLoadBalancingV2Client.ServiceId, environment),
        };
    }
}
