using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Core.Analysis;

/// <summary>How an analysis reads and what it keeps.</summary>
public sealed record AnalysisOptions
{
    /// <summary>A longer line is counted as malformed and skipped; memory never grows past it.</summary>
    public int MaxLineBytes { get; init; } = LineReader.DefaultMaxLineBytes;

    /// <summary>Target group names or ARNs that speak HTTPS to their targets (for the tls-handshake hypothesis).</summary>
    public IReadOnlyList<string> HttpsTargetGroups { get; init; } = [];

    /// <summary>Keep every 5xx entry for the entries (NDJSON) output, spilled to temporary files.</summary>
    public bool CollectEntries { get; init; }

    public int SamplesPerCause { get; init; } = 3;

    public int MalformedSamples { get; init; } = 5;

    /// <summary>
    /// Decode on a second thread while this one parses (when there is a second core). Off gives one
    /// thread per object, for callers that already run one object per core.
    /// </summary>
    public bool ReadAhead { get; init; } = true;

    /// <summary>How many targets the report lists, worst first.</summary>
    public int TopTargets { get; init; } = 10;
}
