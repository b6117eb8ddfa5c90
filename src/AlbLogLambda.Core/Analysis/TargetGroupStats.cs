namespace AlbLogLambda.Core.Analysis;

internal sealed class TargetGroupStats
{
    public long Http502;
    public readonly TimeRange Window = new();
}
