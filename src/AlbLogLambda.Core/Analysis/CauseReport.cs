using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

public sealed record CauseReport(
    CauseInfo Info,
    long Count,
    IReadOnlyList<HypothesisReport> Hypotheses,
    IReadOnlyList<TargetCount> Targets,
    IReadOnlyList<string> Samples,
    IReadOnlyList<CodeCount> EvidenceCodes,
    TimingSummary? TargetProcessingTime,
    TimingSummary? Elapsed,
    TimeWindow Window,
    IReadOnlyList<CodeDetail> CodeDetails,
    Spread? Spread,
    IReadOnlyList<MinuteCount> Timeline,
    CauseContext Context)
{
    /// <summary>The most distinct codes a cause counts one by one; past it the lightest are folded into "(other codes)".</summary>
    public const int MaxTrackedCodes = CodeCounts.MaxCodes;

    /// <summary>Codes folded into "(other codes)" (folds, and their entries); <see cref="UntrackedTally.None"/> when none was.</summary>
    public UntrackedTally UntrackedCodes { get; init; } = UntrackedTally.None;

    /// <summary>Minutes of <see cref="Timeline"/> folded into an others tally (folds, and their entries); none when none was.</summary>
    public UntrackedTally UntrackedMinutes { get; init; } = UntrackedTally.None;
}
