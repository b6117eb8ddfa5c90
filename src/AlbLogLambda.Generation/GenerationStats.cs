namespace AlbLogLambda.Generation;

/// <summary>
/// Exactly what a generator run wrote: the ground truth an analyzer of the output must reproduce.
/// Dictionaries hold only keys with a count above zero.
/// </summary>
public sealed class GenerationStats
{
    internal GenerationStats(
        long entries,
        long nonEntryLines,
        long uncompressedBytes,
        IReadOnlyList<long> gzipMemberLengths,
        IReadOnlyDictionary<GeneratedLineKind, long> byKind,
        IReadOnlyDictionary<int, long> byElbStatusCode,
        IReadOnlyDictionary<int, long> byFieldCount,
        IReadOnlyDictionary<string, long> byErrorReason)
    {
        Entries = entries;
        NonEntryLines = nonEntryLines;
        UncompressedBytes = uncompressedBytes;
        GzipMemberLengths = gzipMemberLengths;
        ByKind = byKind;
        ByElbStatusCode = byElbStatusCode;
        ByFieldCount = byFieldCount;
        ByErrorReason = byErrorReason;

        var byCause = new Dictionary<GeneratedCauseKey, long>();
        var byCauseId = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in byKind)
        {
            if (GeneratedCause.Of(kind) is { } key)
            {
                byCause[key] = byCause.GetValueOrDefault(key) + count;
                byCauseId[key.Cause] = byCauseId.GetValueOrDefault(key.Cause) + count;
            }
        }
        By502CauseAndHypothesis = byCause;
        By502Cause = byCauseId;
    }

    /// <summary>Access-log entries written (<see cref="GeneratorOptions.Lines"/>).</summary>
    public long Entries { get; }

    /// <summary>Lines written that are not access-log entries (the cut-off oddity line).</summary>
    public long NonEntryLines { get; }

    /// <summary>All lines written, each ending in <c>\n</c>.</summary>
    public long PhysicalLines => Entries + NonEntryLines;

    /// <summary>Bytes of the plain (uncompressed) text.</summary>
    public long UncompressedBytes { get; }

    /// <summary>Compressed length of each gzip member, in order; empty for plain output.</summary>
    public IReadOnlyList<long> GzipMemberLengths { get; }

    /// <summary>Number of gzip members written; 0 for plain output.</summary>
    public int GzipMembers => GzipMemberLengths.Count;

    /// <summary>Entries per kind.</summary>
    public IReadOnlyDictionary<GeneratedLineKind, long> ByKind { get; }

    /// <summary>Entries per elb_status_code (field 9).</summary>
    public IReadOnlyDictionary<int, long> ByElbStatusCode { get; }

    /// <summary>Entries per number of space-separated fields (33 normally; 29 and 36 for oddities).</summary>
    public IReadOnlyDictionary<int, long> ByFieldCount { get; }

    /// <summary>Entries per error_reason (field 25), all status codes, without <c>-</c>.</summary>
    public IReadOnlyDictionary<string, long> ByErrorReason { get; }

    /// <summary>502 entries per (cause, hypothesis).</summary>
    public IReadOnlyDictionary<GeneratedCauseKey, long> By502CauseAndHypothesis { get; }

    /// <summary>502 entries per cause id.</summary>
    public IReadOnlyDictionary<string, long> By502Cause { get; }

    /// <summary>Entries with elb_status_code 502.</summary>
    public long Http502 => ByElbStatusCode.GetValueOrDefault(502);

    /// <summary>502 entries of one cause, or of one (cause, hypothesis) when <paramref name="hypothesis"/> is given.</summary>
    public long Count502(string cause, string? hypothesis = null) =>
        hypothesis is null
            ? By502Cause.GetValueOrDefault(cause)
            : By502CauseAndHypothesis.GetValueOrDefault(new GeneratedCauseKey(cause, hypothesis));
}
