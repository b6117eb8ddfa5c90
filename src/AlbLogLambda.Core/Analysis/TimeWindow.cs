namespace AlbLogLambda.Core.Analysis;

public sealed record TimeWindow(DateTimeOffset? First, DateTimeOffset? Last);
