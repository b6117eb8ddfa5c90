using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

internal sealed class CauseStats
{
    public long Count;
    public readonly long[] ByHypothesis = new long[(int)Hypothesis.TlsHandshake + 1];
    public readonly List<string> Samples = [];
    public readonly CodeCounts Codes = new();
    public readonly RunningSeconds TargetTime = new();
    public readonly RunningSeconds Elapsed = new();
    public readonly TimeRange Window = new();

    public void Merge(CauseStats other, int maxSamples)
    {
        Count += other.Count;
        for (int i = 0; i < ByHypothesis.Length; i++) ByHypothesis[i] += other.ByHypothesis[i];
        foreach (var sample in other.Samples)
        {
            if (Samples.Count >= maxSamples) break;
            Samples.Add(sample);
        }
        Codes.Merge(other.Codes);
        TargetTime.Merge(other.TargetTime);
        Elapsed.Merge(other.Elapsed);
        Window.Merge(other.Window);
    }
}
