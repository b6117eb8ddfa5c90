namespace AlbLogLambda.Core.Analysis;

public sealed record TimingSummary(long Count, double Min, double Mean, double Max);
