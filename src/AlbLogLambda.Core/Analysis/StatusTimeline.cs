namespace AlbLogLambda.Core.Analysis;

/// <summary>Entries of one status code per minute (UTC), for context beside the 502 timeline.</summary>
public sealed record StatusTimeline(string Status, IReadOnlyList<MinuteCount> Minutes)
{
    /// <summary>Minutes folded into an others tally (folds, and their entries); none when none was.</summary>
    public UntrackedTally Untracked { get; init; } = UntrackedTally.None;
}
