namespace AlbLogLambda.Core.Analysis;

public sealed record LoadBalancerCount(string LoadBalancer, long Entries);
