namespace AlbLogLambda.Core.Analysis;

/// <summary>Entries in one minute (UTC, the start of the minute), for a cause's timeline.</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Count)
{
    /// <summary>True when the count is a lower bound: the minute was first counted after others were folded away.</summary>
    public bool Approximate { get; init; }
}
