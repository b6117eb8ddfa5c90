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

    public static void Write(Stream output, IEnumerable<(string Source, FailureEntrySpill Entries)> objects, Func<string?, TargetStats?> findTarget)
    {
        using var json = new Utf8JsonWriter(output, s_options);
        foreach (var (source, spill) in objects)
        {
            foreach (var entry in spill.ReadAll())
            {
                json.WriteStartObject();
                json.WriteString("source", source);
                json.WriteNumber("line", entry.Line);
                json.WriteNumber("elbStatus", entry.ElbStatus);
                if (entry.TargetStatus < 0) json.WriteNull("targetStatus");
                else json.WriteString("targetStatus", entry.TargetStatus.ToString("000", System.Globalization.CultureInfo.InvariantCulture));
                if (entry.Cause is { } cause)
                {
                    var info = CauseCatalog.Get(cause);
                    json.WriteString("origin", CauseCatalog.Id(info.Origin));
                    json.WriteString("cause", info.Id);
                    var hypothesis = entry.Hypothesis;
                    if (cause == Http502Cause.TargetConnectionFailed && findTarget(entry.Target) is { } target)
                    {
                        hypothesis = ReportBuilder.ConnectionHypothesis(target).Lead;
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
                if (entry.Target is null) json.WriteNull("target");
                else json.WriteString("target", entry.Target);
                json.WriteEndObject();
                json.Flush();
                output.WriteByte((byte)'\n');
                // Each line is its own JSON document.
                json.Reset();
            }
        }
        json.Flush();
    }
}
