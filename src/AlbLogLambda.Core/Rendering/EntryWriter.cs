using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Rendering;

/// <summary>
/// The entries output: one JSON object per line for every entry whose elb_status_code is 5xx.
/// Written with <see cref="Utf8JsonWriter"/> (no reflection: the function compiles ahead of time).
/// </summary>
internal static class EntryWriter
{
    private static readonly JsonWriterOptions s_options = new() { SkipValidation = true, Indented = false };

    public static void Write(Stream output, IEnumerable<(string Source, FailureEntrySpill Entries)> objects, TargetLookup findTarget)
    {
        using var json = new Utf8JsonWriter(output, s_options);
        foreach (var (source, spill) in objects)
        {
            var encodedSource = JsonEncodedText.Encode(source);
            spill.ForEach((line, elbStatus, targetStatus, cause, hypothesis, target) =>
            {
                json.WriteStartObject();
                json.WriteString("source", encodedSource);
                json.WriteNumber("line", line);
                json.WriteNumber("elbStatus", elbStatus);
                if (targetStatus < 0)
                {
                    json.WriteNull("targetStatus");
                }
                else
                {
                    Span<byte> digits = stackalloc byte[3];
                    digits[0] = (byte)('0' + (targetStatus / 100 % 10));
                    digits[1] = (byte)('0' + (targetStatus / 10 % 10));
                    digits[2] = (byte)('0' + (targetStatus % 10));
                    json.WriteString("targetStatus", digits);
                }
                if (cause is { } c)
                {
                    var info = CauseCatalog.Get(c);
                    json.WriteString("origin", CauseCatalog.Id(info.Origin));
                    json.WriteString("cause", info.Id);
                    // The hypotheses the window settles per target replace the line's provisional one.
                    if (!target.IsEmpty && findTarget(target) is { } stats)
                    {
                        if (c == Http502Cause.TargetConnectionFailed && hypothesis != Hypothesis.TlsHandshakeTimeout) hypothesis = stats.ConnectionHypothesis.Lead;
                        if (c == Http502Cause.TargetClosedConnection && hypothesis != Hypothesis.LongRequestCut) hypothesis = stats.ClosedHypothesis.Lead;
                    }
                    if (hypothesis == Hypothesis.None) json.WriteNull("hypothesis");
                    else json.WriteString("hypothesis", CauseCatalog.Id(hypothesis));
                }
                else
                {
                    json.WriteNull("origin");
                    json.WriteNull("cause");
                    json.WriteNull("hypothesis");
                }
                if (target.IsEmpty) json.WriteNull("target");
                else json.WriteString("target", target);
                json.WriteEndObject();
                json.Flush();
                output.WriteByte((byte)'\n');
                // Each line is its own JSON document.
                json.Reset();
            });
        }
        json.Flush();
    }
}

/// <summary>Finds a target's statistics by its <c>ip:port</c> bytes.</summary>
internal delegate TargetStats? TargetLookup(ReadOnlySpan<byte> target);
