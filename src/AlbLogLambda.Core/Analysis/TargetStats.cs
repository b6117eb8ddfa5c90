using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

internal sealed class TargetStats(byte[] key) : ITally<TargetStats>
{
    public byte[] Key { get; private set; } = key;
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

    /// <summary>Targets with 502s first (more 502s, heavier), then by requests.</summary>
    public long Weight => (Math.Min(Http502, int.MaxValue) << 32) | Math.Min(Requests, uint.MaxValue);

    public bool Approximate { get; set; }

    /// <summary>
    /// In the others tally: the hypotheses of the folded-away targets' connection failures and closed connections,
    /// settled on what each had when it was folded (a per-target judgement that cannot be made on the sum). Closed
    /// connections not decided by their line take the verdict of a target whose group is not known to concentrate them.
    /// </summary>
    public Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>? FoldedConnection { get; private set; }

    /// <inheritdoc cref="FoldedConnection"/>
    public Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>? FoldedClosed { get; private set; }

    public static TargetStats CreateOthers() => new([]) { FoldedConnection = [], FoldedClosed = [] };

    public void Absorb(TargetStats evicted)
    {
        Merge(evicted);
        if (evicted.FoldedConnection is { } connection && evicted.FoldedClosed is { } closed)
        {
            foreach (var (hypothesis, count) in connection) Add(FoldedConnection!, hypothesis, count);
            foreach (var (hypothesis, count) in closed) Add(FoldedClosed!, hypothesis, count);
            return;
        }
        Settle(FoldedConnection!, evicted.ByCause[(int)Http502Cause.TargetConnectionFailed], evicted.ConnectTimeouts,
            Hypothesis.TlsHandshakeTimeout, WindowHypotheses.Connection(evicted));
        Settle(FoldedClosed!, evicted.ByCause[(int)Http502Cause.TargetClosedConnection], evicted.ClosedLong,
            Hypothesis.LongRequestCut, (Hypothesis.KeepAliveRace, Hypothesis.TargetCrash));
    }

    private static void Settle(Dictionary<(Hypothesis, Hypothesis), long> counts, long failures, long perLine, Hypothesis perLineHypothesis,
        (Hypothesis, Hypothesis) settled)
    {
        long decided = Math.Min(perLine, failures);
        if (decided > 0) Add(counts, (perLineHypothesis, Hypothesis.None), decided);
        if (failures > decided) Add(counts, settled, failures - decided);
    }

    private static void Add(Dictionary<(Hypothesis, Hypothesis), long> counts, (Hypothesis, Hypothesis) hypothesis, long count) =>
        counts[hypothesis] = counts.GetValueOrDefault(hypothesis) + count;

    public void Recycle(byte[] key)
    {
        Key = key;
        Requests = 0;
        Http502 = 0;
        Array.Clear(ByCause);
        Failures.Clear();
        TargetGroup = null;
        SpeaksHttps = false;
        Approximate = false;
        Seen.Clear();
        ConnectTimeouts = 0;
        ClosedLong = 0;
        Closed.Clear();
        ConnectionHypothesis = default;
        ClosedHypothesis = default;
    }

    public void Merge(TargetStats other)
    {
        Requests += other.Requests;
        Http502 += other.Http502;
        for (int i = 0; i < ByCause.Length; i++) ByCause[i] += other.ByCause[i];
        Failures.Merge(other.Failures);
        TargetGroup ??= other.TargetGroup;
        SpeaksHttps |= other.SpeaksHttps;
        Approximate |= other.Approximate;
        Seen.Merge(other.Seen);
        ConnectTimeouts += other.ConnectTimeouts;
        ClosedLong += other.ClosedLong;
        Closed.Merge(other.Closed);
    }
}
