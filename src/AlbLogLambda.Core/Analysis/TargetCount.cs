namespace AlbLogLambda.Core.Analysis;

public sealed record TargetCount(string Target, long Count);
