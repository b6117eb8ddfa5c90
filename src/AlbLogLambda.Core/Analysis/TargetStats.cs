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

    /// <summary>When the target was seen at all (any entry): a target that stops being seen has left the group.</summary>
    public readonly TimeRange Seen = new();

    /// <summary>Connection failures that took the TLS handshake timeout (settled per line, not per target).</summary>
    public long ConnectTimeouts;

    /// <summary>Closed connections with a long target time (settled per line, not per target).</summary>
    public long ClosedLong;

    /// <summary>When its target-closed-connection 502s happened.</summary>
    public readonly TimeRange Closed = new();

    /// <summary>The window's verdicts for this target (<see cref="WindowHypotheses.Settle"/>).</summary>
    public (Hypothesis Lead, Hypothesis Alternative) ConnectionHypothesis;
    public (Hypothesis Lead, Hypothesis Alternative) ClosedHypothesis;

    public static readonly int CauseCount = Enum.GetValues<Http502Cause>().Length;

    public void Merge(TargetStats other)
    {
        Requests += other.Requests;
        Http502 += other.Http502;
        for (int i = 0; i < ByCause.Length; i++) ByCause[i] += other.ByCause[i];
        Failures.Merge(other.Failures);
        TargetGroup ??= other.TargetGroup;
        SpeaksHttps |= other.SpeaksHttps;
        Seen.Merge(other.Seen);
        ConnectTimeouts += other.ConnectTimeouts;
        ClosedLong += other.ClosedLong;
        Closed.Merge(other.Closed);
    }
}
