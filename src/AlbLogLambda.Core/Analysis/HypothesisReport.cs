using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

public sealed record HypothesisReport(
    HypothesisInfo Info,
    long Count,
    Confidence Confidence,
    Hypothesis Alternative);
