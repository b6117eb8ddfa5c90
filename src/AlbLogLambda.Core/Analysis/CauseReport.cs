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
    CauseContext Context);
