using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

internal sealed class TargetStats(byte[] key)
{
    public byte[] Key { get; } = key;
    public long Requests;
    public long Http502;
    public readonly long[] ByCause = new long[CauseCount];
    public readonly TimeRange Failures = new();
    public string? TargetGroup;
    public bool SpeaksHttps;

    public const int CauseCount = (int)Http502Cause.TargetReturned502 + 1;

    public void Merge(TargetStats other)
    {
        Requests += other.Requests;
        Http502 += other.Http502;
        for (int i = 0; i < ByCause.Length; i++) ByCause[i] += other.ByCause[i];
        Failures.Merge(other.Failures);
        TargetGroup ??= other.TargetGroup;
        SpeaksHttps |= other.SpeaksHttps;
    }
}
