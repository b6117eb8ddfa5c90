namespace AlbLogLambda.Core.Analysis;

internal sealed class LoadBalancerStats : ITally<LoadBalancerStats>
{
    public long Entries;

    public long Weight => Entries;

    public bool Approximate { get; set; }

    public static LoadBalancerStats CreateOthers() => new();

    public void Absorb(LoadBalancerStats evicted) => Merge(evicted);

    public void Recycle(byte[] key)
    {
        Entries = 0;
        Approximate = false;
    }

    public void Merge(LoadBalancerStats other)
    {
        Entries += other.Entries;
        Approximate |= other.Approximate;
    }
}
