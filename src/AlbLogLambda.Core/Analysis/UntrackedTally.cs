namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// The counts of keys folded into an others tally because there were more distinct keys than the report tracks:
/// <paramref name="Keys"/> counts the folds (a key folded twice counts twice), <paramref name="Entries"/> their
/// requests (targets) or entries (load balancers), <paramref name="Http502"/> their 502s (targets, target groups).
/// </summary>
public sealed record UntrackedTally(long Keys, long Entries, long Http502)
{
    public static UntrackedTally None { get; } = new(0, 0, 0);
}
