namespace AlbLogLambda.Core.Analysis;

public sealed record CodeCount(string Code, long Count);
