namespace AlbLogLambda.Core.Analysis;

public sealed record Http502Totals(long Total, long LoadBalancer, long Target, long FixedResponse);
