using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Everything one analysis found, over all its inputs. Immutable; renderers only read it.</summary>
public sealed record AnalysisReport(
    IReadOnlyList<ObjectOutcome> Objects,
    IReadOnlyList<LoadBalancerCount> LoadBalancers,
    long Entries,
    long Malformed,
    long SkippedLines,
    long ExtraFieldLines,
    IReadOnlyDictionary<string, long> StatusCounts,
    Http502Totals Http502,
    IReadOnlyList<CauseReport> Causes,
    IReadOnlyList<TargetReport> Targets,
    IReadOnlyList<TargetGroupReport> TargetGroups,
    IReadOnlyList<MalformedSample> MalformedSamples,
    TimeWindow Window)
{
    /// <summary>503s and 504s per minute, for context beside the 502 timeline (each status present only when it occurs).</summary>
    public IReadOnlyList<StatusTimeline> ContextTimelines { get; init; } = [];

    /// <summary>The cause with the most entries among the error causes (fixed responses excluded).</summary>
    public CauseReport? TopCause => Causes.FirstOrDefault(c => c.Info.Cause != Http502Cause.FixedResponse);

    /// <summary>Counts of the 5xx codes next to 502 and of 460, for context.</summary>
    public IReadOnlyList<CodeCount> Neighbours =>
        StatusCounts.Where(kv => kv.Key != "502" && (kv.Key.StartsWith('5') || kv.Key == "460"))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new CodeCount(kv.Key, kv.Value)).ToArray();
}
