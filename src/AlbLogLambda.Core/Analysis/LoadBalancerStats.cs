namespace AlbLogLambda.Core.Analysis;

internal sealed class LoadBalancerStats
{
    public long Entries;
}
