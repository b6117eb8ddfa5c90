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

    /// <summary>The default of <see cref="MaxDecodedBytes"/>: 4 GiB.</summary>
    public const long DefaultMaxDecodedBytes = 4L << 30;

    /// <summary>
    /// An object that decodes to more bytes than this is failed (its entries so far kept) and not read further.
    /// </summary>
    /// <remarks>
    /// The default, 4 GiB, is more than ten times the largest real ALB object (each node writes an object every five
    /// minutes, at most a few hundred MB uncompressed), and one core reads it in under ten seconds (about 650 MB/s
    /// decoded and analyzed): a gzip bomb costs seconds, never the invocation. A few MB of gzip can inflate past it.
    /// </remarks>
    public long MaxDecodedBytes { get; init; } = DefaultMaxDecodedBytes;

    /// <summary>The default of <see cref="MaxConsecutiveNonEntries"/>.</summary>
    public const int DefaultMaxConsecutiveNonEntries = 100_000;

    /// <summary>
    /// An object with more lines than this in a row that are not entries (blank, malformed, too long, of another log
    /// kind) is failed and not read further: real objects hold an isolated bad line now and then, never a long run.
    /// </summary>
    public int MaxConsecutiveNonEntries { get; init; } = DefaultMaxConsecutiveNonEntries;

    /// <summary>The default of <see cref="MaxTrackedKeys"/>.</summary>
    public const int DefaultMaxTrackedKeys = 10_000;

    /// <summary>
    /// The most targets, target groups and load balancers each counted one by one. Past it, the lightest half is
    /// folded into an others tally and the counts of keys seen after that are marked approximate (lower bounds).
    /// </summary>
    /// <remarks>
    /// 10,000 is ten times the targets one load balancer may have by default (1,000) and a hundred times its target
    /// groups (100); it keeps these tallies to a few MB however many distinct values an object holds.
    /// </remarks>
    public int MaxTrackedKeys { get; init; } = DefaultMaxTrackedKeys;
}
