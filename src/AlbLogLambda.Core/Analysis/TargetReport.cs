using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

public sealed record TargetReport(
    string Target,
    string? TargetGroup,
    long Requests,
    long Http502,
    double FailureShare,
    Http502Cause TopCause,
    TimeWindow Window)
{
    /// <summary>Counted only since the key was last folded back in (see AnalysisOptions.MaxTrackedKeys): a lower bound.</summary>
    public bool Approximate { get; init; }
}
