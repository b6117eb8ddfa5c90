namespace AlbLogLambda.Core.Analysis;

internal sealed class TargetGroupStats : ITally<TargetGroupStats>
{
    public long Http502;
    public readonly TimeRange Window = new();

    public long Weight => Http502;

    public bool Approximate { get; set; }

    public static TargetGroupStats CreateOthers() => new();

    public void Absorb(TargetGroupStats evicted) => Merge(evicted);

    public void Recycle(byte[] key)
    {
        Http502 = 0;
        Window.Clear();
        Approximate = false;
    }

    public void Merge(TargetGroupStats other)
    {
        Http502 += other.Http502;
        Window.Merge(other.Window);
        Approximate |= other.Approximate;
    }
}
