using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>What happened to one input object.</summary>
public enum ObjectStatus
{
    Ok,
    Failed,
    Skipped,
}

/// <summary>The outcome of reading one object (a file, stdin, an S3 object).</summary>
public sealed record ObjectOutcome(
    string Source,
    ObjectStatus Status,
    string? Reason,
    long Lines,
    long Entries,
    long Malformed,
    long SkippedLines,
    long Http502LoadBalancer,
    long Http502Target,
    long RawBytes,
    long DecodedBytes)
{
    public static ObjectOutcome SkippedObject(string source, string reason) =>
        new(source, ObjectStatus.Skipped, reason, 0, 0, 0, 0, 0, 0, 0, 0);

    public static ObjectOutcome FailedObject(string source, string reason) =>
        new(source, ObjectStatus.Failed, reason, 0, 0, 0, 0, 0, 0, 0, 0);
}

public sealed record TimingSummary(long Count, double Min, double Mean, double Max);

public sealed record CodeCount(string Code, long Count);

public sealed record TargetCount(string Target, long Count);

public sealed record Http502Totals(long Total, long LoadBalancer, long Target, long FixedResponse);

public sealed record TimeWindow(DateTimeOffset? First, DateTimeOffset? Last);

public sealed record HypothesisReport(
    HypothesisInfo Info,
    long Count,
    Confidence Confidence,
    Hypothesis Alternative);

public sealed record CauseReport(
    CauseInfo Info,
    long Count,
    IReadOnlyList<HypothesisReport> Hypotheses,
    IReadOnlyList<TargetCount> Targets,
    IReadOnlyList<string> Samples,
    IReadOnlyList<CodeCount> EvidenceCodes,
    TimingSummary? TargetProcessingTime,
    TimingSummary? Elapsed,
    TimeWindow Window);

public sealed record TargetReport(
    string Target,
    string? TargetGroup,
    long Requests,
    long Http502,
    double FailureShare,
    Http502Cause TopCause,
    TimeWindow Window);

public sealed record TargetGroupReport(string TargetGroup, long Http502, TimeWindow Window);

public sealed record MalformedSample(string Source, long Line, string Reason, string Text);

public sealed record LoadBalancerCount(string LoadBalancer, long Entries);

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
    /// <summary>The cause with the most entries among the error causes (fixed responses excluded).</summary>
    public CauseReport? TopCause => Causes.FirstOrDefault(c => c.Info.Cause != Http502Cause.FixedResponse);

    /// <summary>Counts of the 5xx codes next to 502 and of 460, for context.</summary>
    public IReadOnlyList<CodeCount> Neighbours =>
        StatusCounts.Where(kv => kv.Key != "502" && (kv.Key.StartsWith('5') || kv.Key == "460"))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new CodeCount(kv.Key, kv.Value)).ToArray();
}
