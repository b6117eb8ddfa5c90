namespace AlbLogLambda.Core.Analysis;

public sealed record TargetGroupReport(string TargetGroup, long Http502, TimeWindow Window)
{
    /// <summary>Counted only since the key was last folded back in (see AnalysisOptions.MaxTrackedKeys): a lower bound.</summary>
    public bool Approximate { get; init; }
}
