namespace AlbLogLambda.Core.Analysis;

public sealed record TargetGroupReport(string TargetGroup, long Http502, TimeWindow Window);
