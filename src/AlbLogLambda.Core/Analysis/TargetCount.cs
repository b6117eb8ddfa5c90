namespace AlbLogLambda.Core.Analysis;

public sealed record TargetCount(string Target, long Count)
{
    /// <summary>Counted only since the key was last folded back in (see AnalysisOptions.MaxTrackedKeys): a lower bound.</summary>
    public bool Approximate { get; init; }
}
