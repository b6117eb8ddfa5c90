using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// One cause's running totals. Everything here is bounded whatever an object holds: counters, a few samples, codes
/// (<see cref="CodeCounts"/>) and minutes (<see cref="MinuteCounts"/>) capped like the per-key tallies.
/// </summary>
/// <param name="maxMinutes">The most minutes of the timeline counted one by one (<see cref="AnalysisOptions.MaxTrackedKeys"/>).</param>
internal sealed class CauseStats(int maxMinutes)
{
    /// <summary>The desync mitigation classifications counted as context, in output order.</summary>
    public static readonly string[] ClassificationNames = ["Acceptable", "Ambiguous", "Severe"];

    /// <summary>The actions_executed values counted as context, in output order.</summary>
    public static readonly string[] ActionNames = ["waf-failed", "authenticate", "waf"];

    public long Count;
    public readonly long[] ByHypothesis = new long[Enum.GetValues<Hypothesis>().Length];
    public readonly List<string> Samples = [];
    public readonly CodeCounts Codes = new();
    public readonly RunningSeconds TargetTime = new();
    public readonly RunningSeconds Elapsed = new();
    public readonly TimeRange Window = new();

    /// <summary>Entries per minute, keyed by the minute's UTC ticks.</summary>
    public readonly MinuteCounts Minutes = new(maxMinutes);
    public readonly long[] Classifications = new long[3];
    public readonly long[] Actions = new long[3];

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
        Minutes.Merge(other.Minutes);
        for (int i = 0; i < Classifications.Length; i++) Classifications[i] += other.Classifications[i];
        for (int i = 0; i < Actions.Length; i++) Actions[i] += other.Actions[i];
    }
}
