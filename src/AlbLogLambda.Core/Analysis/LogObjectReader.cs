using System.Runtime.CompilerServices;
using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Reads one object line by line into an accumulator and says how it went.</summary>
internal static class LogObjectReader
{
    /// <summary>Lines between two looks at the cancellation token.</summary>
    private const int CancellationStride = 1 << 16;

    /// <remarks>
    /// Data problems (corrupt or truncated gzip, binary content, an object over its budget, no entry at all) end the
    /// object as failed, keeping what was read before them: a failed outcome is permanent, reading the object again
    /// gives the same answer, so callers must not retry it. Any other exception (I/O, network) propagates: the caller
    /// decides whether to retry, and discards the accumulator.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ObjectOutcome Read(string source, Stream raw, LogAccumulator accumulator, AnalysisOptions options, CancellationToken cancellationToken)
    {
        using var decoded = LogStreamOpener.Open(raw, leaveOpen: true);
        using var text = options.ReadAhead && ReadAheadStream.IsWorthwhile ? new ReadAheadStream(decoded.Text) : null;
        using var lines = new LineReader(text ?? decoded.Text, options.MaxLineBytes, maxBytes: options.MaxDecodedBytes);
        string? failure = null;
        string? foreignKind = null;
        bool sawContent = false;
        long blankLines = 0;
        // Lines in a row that are not entries: a run longer than the cap is a bomb or not a log, not data to wait for.
        int nonEntries = 0;
        int maxNonEntries = options.MaxConsecutiveNonEntries;
        try
        {
            while (true)
            {
                var result = lines.Read(out var line);
                if (result == LineReadResult.End) break;
                accumulator.Lines++;
                if ((accumulator.Lines & (CancellationStride - 1)) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (result == LineReadResult.TooLong)
                {
                    sawContent = true;
                    accumulator.AddMalformed(source, lines.LineNumber, LineProblem.TooLong, default);
                }
                else
                {
                    switch (AlbLogParser.Parse(line, out var entry, out var problem))
                    {
                        case LineVerdict.Entry:
                            sawContent = true;
                            nonEntries = 0;
                            accumulator.AddEntry(entry, line, lines.LineNumber);
                            continue;
                        case LineVerdict.Foreign:
                            if (!sawContent)
                            {
                                // The object opens with a line of another log kind: the whole object is that kind.
                                foreignKind = LineProblemText.Describe(problem);
                            }
                            sawContent = true;
                            accumulator.SkippedLines++;
                            break;
                        case LineVerdict.Malformed:
                            sawContent = true;
                            accumulator.AddMalformed(source, lines.LineNumber, problem, line);
                            break;
                        default:
                            blankLines++;
                            break;
                    }
                    if (foreignKind is not null) break;
                }
                if (++nonEntries > maxNonEntries)
                {
                    failure = $"{nonEntries:N0} lines in a row up to line {lines.LineNumber:N0} are not access-log entries (blank, malformed or of "
                        + $"another log kind), over the per-object cap of {maxNonEntries:N0} (MaxConsecutiveNonEntries), and the object was read no "
                        + "further; raise the cap (MAX_CONSECUTIVE_NON_ENTRIES) if such runs are real";
                    break;
                }
            }
        }
        catch (LogDataException e)
        {
            failure = e.Message;
        }

        var status = ObjectStatus.Ok;
        string? reason = null;
        if (failure is not null)
        {
            status = ObjectStatus.Failed;
            reason = failure;
        }
        else if (foreignKind is not null)
        {
            status = ObjectStatus.Skipped;
            reason = "content is " + foreignKind;
        }
        else if (accumulator.Entries == 0 && accumulator.Malformed > 0)
        {
            status = ObjectStatus.Failed;
            reason = $"not an ALB access log: none of its {accumulator.Malformed:N0} lines is an access-log entry";
        }
        else if (accumulator.Entries == 0)
        {
            // ALB writes an object only when it has entries: an empty one was cut short or is not what it claims to be.
            status = ObjectStatus.Failed;
            reason = blankLines == 0
                ? "no access-log entry: the object is empty"
                : $"no access-log entry: the object holds only {blankLines:N0} blank {(blankLines == 1 ? "line" : "lines")}";
        }

        return new ObjectOutcome(source, status, reason, accumulator.Lines, accumulator.Entries, accumulator.Malformed,
            accumulator.SkippedLines, accumulator.Http502LoadBalancer, accumulator.Http502Target, decoded.RawBytesRead, lines.BytesRead);
    }
}
