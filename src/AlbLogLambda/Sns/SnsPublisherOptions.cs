using AlbLogLambda.Aws;
namespace AlbLogLambda.Sns;

/// <summary>Where and how <see cref="SnsPublisher"/> sends: endpoint, region, timeouts and retry policy.</summary>
internal sealed record SnsPublisherOptions
{
    /// <summary>The signing region; null to take it from the topic ARN.</summary>
    public string? Region { get; init; }

    /// <summary>The endpoint; null for <c>https://sns.{region}.{partition DNS suffix}/</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Requests per Publish, the first included. At least 1.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Bound on one request, from sending to the end of the response body.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on establishing a connection (part of <see cref="AttemptTimeout"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Backoff before the second attempt; doubles each attempt, capped by <see cref="MaxDelay"/>, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of one backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How to wait between attempts (tests replace it to run fast and record the delays).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (delay, ct) => Task.Delay(delay, ct);

    /// <summary>
    /// Options from the environment: AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL. The region is not taken from
    /// AWS_REGION: a topic lives in the region its ARN names, which may differ from the function's.
    /// </summary>
    /// <param name="environment">Variable lookup; the process environment by default.</param>
    public static SnsPublisherOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= AwsEnvironment.ProcessVariable;
        return new SnsPublisherOptions
        {
            Endpoint = AwsEnvironment.Endpoint("SNS", environment),
        };
    }
}
