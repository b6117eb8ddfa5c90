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

    public const int CauseCount = (int)Http502Cause.TargetReturned502 + 1;

    /// <summary>Targets with 502s first (more 502s, heavier), then by requests.</summary>
    public long Weight => (Math.Min(Http502, int.MaxValue) << 32) | Math.Min(Requests, uint.MaxValue);

    public bool Approximate { get; set; }

    /// <summary>
    /// In the others tally: the connection hypotheses of the folded-away targets, settled on what each had when it
    /// was folded (a per-target judgement that cannot be made on the sum).
    /// </summary>
    public Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>? FoldedHypotheses { get; private set; }

    public static TargetStats CreateOthers() => new([]) { FoldedHypotheses = [] };

    public void Absorb(TargetStats evicted)
    {
        Merge(evicted);
        if (evicted.FoldedHypotheses is { } folded)
        {
            foreach (var (hypothesis, count) in folded) FoldedHypotheses![hypothesis] = FoldedHypotheses.GetValueOrDefault(hypothesis) + count;
        }
        else if (evicted.ByCause[(int)Http502Cause.TargetConnectionFailed] is > 0 and var failures)
        {
            var hypothesis = ReportBuilder.ConnectionHypothesis(evicted);
            FoldedHypotheses![hypothesis] = FoldedHypotheses.GetValueOrDefault(hypothesis) + failures;
        }
    }

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
    }
}
