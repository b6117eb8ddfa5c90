namespace AlbLogLambda.Aws;

/// <summary>Timeouts and retry policy of <see cref="AwsQueryClient"/>.</summary>
internal sealed record AwsQueryClientOptions
{
    /// <summary>Requests per call, the first included. At least 1.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Bound on one request, from sending to the end of the response body.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bound on establishing a connection (part of <see cref="AttemptTimeout"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Backoff before the second attempt; doubles each attempt, capped by <see cref="MaxDelay"/>, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of one backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How to wait between attempts (tests replace it to run fast and record the delays).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (delay, ct) => Task.Delay(delay, ct);
}
