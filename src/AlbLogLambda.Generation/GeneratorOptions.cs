using System.IO.Compression;

namespace AlbLogLambda.Generation;

/// <summary>
/// Everything that determines the generator's output: the same options always give the same bytes.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Number of access-log entries (oddity lines that are not entries come on top).</summary>
    public int Lines { get; init; } = 10_000;

    /// <summary>Seed of the pseudo-random sequence.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Response time (field 2) of the first entry; entries are spread evenly over <see cref="Duration"/>.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Window covered by the response times; ALB writes one object per node every 5 minutes.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Load balancer resource id written in field 3, <c>app/name/id</c>.</summary>
    public string LoadBalancerId { get; init; } = "app/my-alb/50dc6c495c0c9188";

    /// <summary>Region used in target group and certificate ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account id used in target group and certificate ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Number of instance targets in the main (HTTP) target group, 1 to 960.</summary>
    public int TargetCount { get; init; } = 6;

    /// <summary>Physical lines per gzip member in <see cref="AlbLogGenerator.WriteGzip"/>.</summary>
    public int LinesPerMember { get; init; } = 100_000;

    /// <summary>Compression level of every gzip member.</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>Relative weights of the entry kinds.</summary>
    public CauseMix Mix { get; init; } = CauseMix.Default;

    /// <summary>
    /// Adds three real-world oddities: after entry <c>Lines/3</c> a cut-off line that is not an entry;
    /// entry <c>Lines/2</c> carries three extra trailing <c>"-"</c> fields (36 fields); entry
    /// <c>2*Lines/3</c> stops after classification_reason (29 fields, no conn_trace_id). Needs 6 lines or more.
    /// </summary>
    public bool IncludeOddities { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(TargetCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TargetCount, 960);
        ArgumentOutOfRangeException.ThrowIfLessThan(LinesPerMember, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Duration, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Mix);
        RequireToken(LoadBalancerId, nameof(LoadBalancerId));
        RequireToken(Region, nameof(Region));
        RequireToken(AccountId, nameof(AccountId));
        if (StartTime.UtcDateTime < DateTime.UnixEpoch.AddDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(StartTime), StartTime, "The start time must be after 1970-01-02.");
        }
        if (IncludeOddities && Lines < 6)
        {
            throw new ArgumentException("Oddities need at least 6 lines.", nameof(IncludeOddities));
        }
    }

    private static void RequireToken(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        foreach (char c in value)
        {
            if (c <= ' ' || c == '"' || c > '~')
            {
                throw new ArgumentException($"{name} must be printable ASCII without spaces or quotes.", name);
            }
        }
    }
}
