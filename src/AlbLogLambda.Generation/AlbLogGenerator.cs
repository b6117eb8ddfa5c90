namespace AlbLogLambda.Generation;

/// <summary>
/// Writes realistic Application Load Balancer access-log entries: 33 fields in AWS's order, ALB's quoting
/// and escaping, every 502 cause of the catalog with its log signature, 5xx neighbours and ordinary
/// traffic. Output is a pure function of <see cref="GeneratorOptions"/>: the same options give the same
/// bytes, and the returned <see cref="GenerationStats"/> say exactly what was written.
/// </summary>
/// <remarks>
/// Lines are formatted as UTF-8 into one reused buffer (no per-line allocation) and written in large chunks.
/// Ground truth for target-connection-failed: the target-down target never serves anything else; intermittent
/// failures hit port-8080 targets that answered a 2xx earlier in the same output; TLS failures hit port-443
/// targets that also answered a 2xx.
/// </remarks>
public static class AlbLogGenerator
{
    /// <summary>The 502 cause ids of the product's catalog (kebab-case).</summary>
    public static IReadOnlyList<string> CauseIds => GeneratedCause.CauseIds;

    /// <summary>Writes the entries as plain text, one per line, each ending in <c>\n</c>.</summary>
    public static GenerationStats WritePlain(Stream output, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var sink = OutputSink.Plain(output);
        return new GeneratorRun(options, sink).Run();
    }

    /// <summary>
    /// Writes the entries as multi-member gzip: a new, independently compressed member every
    /// <see cref="GeneratorOptions.LinesPerMember"/> lines, concatenated. Each member's header has
    /// mtime 0, so the bytes do not depend on the clock. The output stream is left open.
    /// </summary>
    public static GenerationStats WriteGzip(Stream output, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        using var sink = OutputSink.Gzip(output, options.CompressionLevel);
        return new GeneratorRun(options, sink).Run();
    }

    /// <summary>What <see cref="WritePlain"/> would write, without writing it (gzip member lengths stay empty).</summary>
    public static GenerationStats ComputeStats(GeneratorOptions options)
    {
        using var sink = OutputSink.Discard();
        return new GeneratorRun(options, sink).Run();
    }
}
