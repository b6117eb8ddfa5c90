using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Rendering;

/// <summary>
/// The JSON report (<c>"schemaVersion": 2</c>, documented in the README). Written with
/// <see cref="Utf8JsonWriter"/>: no reflection, so it works compiled ahead of time.
/// </summary>
public static class JsonReportWriter
{
    public const int SchemaVersion = 2;

    /// <param name="output">Where the JSON goes.</param>
    /// <param name="report">The report.</param>
    /// <param name="showQuery">Keep query strings in URLs.</param>
    /// <param name="indented">Indent for people; compact for machines.</param>
    /// <param name="confirmation">AWS's evidence on the report: adds <c>confirmation</c> to each judged cause and the top-level <c>coverage</c>.</param>
    public static void Write(Stream output, AnalysisReport report, bool showQuery = false, bool indented = true, ReportConfirmation? confirmation = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        Write(json, report, showQuery, confirmation);
    }

    public static void Write(Utf8JsonWriter json, AnalysisReport report, bool showQuery, ReportConfirmation? confirmation = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        string Url(string text) => showQuery ? text : UrlRedaction.RemoveQueryStrings(text);

        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);

        json.WriteStartArray("objects");
        foreach (var o in report.Objects)
        {
            json.WriteStartObject();
            json.WriteString("source", o.Source);
            json.WriteString("status", ObjectStatusNames.Of(o.Status));
            if (o.Status == ObjectStatus.Failed) json.WriteString("error", o.Reason);
            if (o.Status == ObjectStatus.Skipped) json.WriteString("reason", o.Reason);
            json.WriteNumber("lines", o.Lines);
            json.WriteNumber("entries", o.Entries);
            json.WriteNumber("malformed", o.Malformed);
            json.WriteNumber("skipped", o.SkippedLines);
            json.WriteNumber("rawBytes", o.RawBytes);
            json.WriteNumber("decodedBytes", o.DecodedBytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("loadBalancers");
        foreach (var lb in report.LoadBalancers)
        {
            json.WriteStartObject();
            json.WriteString("id", lb.LoadBalancer);
            json.WriteNumber("entries", lb.Entries);
            json.WriteBoolean("approximate", lb.Approximate);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteNumber("entries", report.Entries);
        json.WriteNumber("malformed", report.Malformed);
        json.WriteNumber("skipped", report.SkippedLines);
        json.WriteNumber("extraFieldEntries", report.ExtraFieldLines);

        json.WriteStartObject("statusCounts");
        foreach (var (code, count) in report.StatusCounts) json.WriteNumber(code, count);
        json.WriteEndObject();

        json.WriteStartObject("http502");
        json.WriteNumber("total", report.Http502.Total);
        json.WriteNumber("loadBalancer", report.Http502.LoadBalancer);
        json.WriteNumber("target", report.Http502.Target);
        json.WriteNumber("fixedResponse", report.Http502.FixedResponse);
        json.WriteEndObject();

        json.WriteStartArray("causes");
        foreach (var cause in report.Causes) WriteCause(json, cause, Url, confirmation);
        json.WriteEndArray();
        if (confirmation is not null) WriteCoverage(json, confirmation);

        json.WriteStartArray("targets");
        foreach (var t in report.Targets)
        {
            json.WriteStartObject();
            json.WriteString("target", t.Target);
            WriteStringOrNull(json, "targetGroup", t.TargetGroup);
            json.WriteNumber("requests", t.Requests);
            json.WriteNumber("http502", t.Http502);
            json.WriteNumber("failureShare", Math.Round(t.FailureShare, 4));
            json.WriteString("topCause", CauseCatalog.Id(t.TopCause));
            WriteWindow(json, "window", t.Window);
            json.WriteBoolean("approximate", t.Approximate);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("targetGroups");
        foreach (var g in report.TargetGroups)
        {
            json.WriteStartObject();
            json.WriteString("targetGroup", g.TargetGroup);
            json.WriteNumber("http502", g.Http502);
            WriteWindow(json, "window", g.Window);
            json.WriteBoolean("approximate", g.Approximate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteUntracked(json, report);

        json.WriteStartObject("neighbours");
        foreach (var n in report.Neighbours) json.WriteNumber(n.Code, n.Count);
        json.WriteEndObject();

        json.WriteStartArray("malformedSamples");
        foreach (var m in report.MalformedSamples)
        {
            json.WriteStartObject();
            json.WriteString("source", m.Source);
            json.WriteNumber("line", m.Line);
            json.WriteString("reason", m.Reason);
            json.WriteString("text", Url(m.Text));
            json.WriteEndObject();
        }
        json.WriteEndArray();

        WriteWindow(json, "window", report.Window);
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteCause(Utf8JsonWriter json, CauseReport cause, Func<string, string> url, ReportConfirmation? confirmation)
    {
        var info = cause.Info;
        json.WriteStartObject();
        json.WriteString("id", info.Id);
        json.WriteString("origin", CauseCatalog.Id(info.Origin));
        json.WriteNumber("count", cause.Count);
        json.WriteString("confidence", CauseCatalog.Id(info.Confidence));
        json.WriteString("title", info.Title);
        json.WriteString("meaning", info.Meaning);
        json.WriteString("confirm", info.Confirm);
        json.WriteString("remedy", info.Remedy);
        json.WriteStartArray("hypotheses");
        foreach (var h in cause.Hypotheses)
        {
            json.WriteStartObject();
            json.WriteString("id", h.Info.Id);
            json.WriteString("title", h.Info.Title);
            json.WriteNumber("count", h.Count);
            json.WriteString("confidence", CauseCatalog.Id(h.Confidence));
            if (h.Alternative == Hypothesis.None) json.WriteNull("alternative");
            else json.WriteString("alternative", CauseCatalog.Id(h.Alternative));
            json.WriteString("explanation", h.Info.Explanation);
            json.WriteString("remedy", h.Info.Remedy);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (confirmation?.Causes.FirstOrDefault(c => c.CauseId == info.Id) is { } verdict)
        {
            WriteConfirmation(json, verdict, confirmation.Findings.Where(f => f.CauseId == info.Id));
        }
        json.WriteStartObject("evidence");
        WriteTiming(json, "targetProcessingTime", cause.TargetProcessingTime);
        WriteTiming(json, "elapsed", cause.Elapsed);
        json.WriteStartObject("codes");
        foreach (var c in cause.EvidenceCodes) json.WriteNumber(c.Code, c.Count);
        json.WriteEndObject();
        json.WriteStartArray("approximateCodes");
        foreach (var c in cause.EvidenceCodes.Where(c => c.Approximate)) json.WriteStringValue(c.Code);
        json.WriteEndArray();
        json.WriteStartArray("codeDetails");
        foreach (var d in cause.CodeDetails)
        {
            json.WriteStartObject();
            json.WriteString("code", d.Info.Code);
            json.WriteNumber("count", d.Count);
            json.WriteString("meaning", d.Info.Meaning);
            WriteStringOrNull(json, "metric", d.Info.Metric.Length == 0 ? null : d.Info.Metric);
            json.WriteString("remedy", d.Info.Remedy);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        if (cause.Spread is { } spread)
        {
            json.WriteStartObject("spread");
            json.WriteNumber("targets", spread.Targets);
            json.WriteNumber("of", spread.Of);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("spread");
        }
        json.WriteStartArray("timeline");
        foreach (var m in cause.Timeline)
        {
            json.WriteStartObject();
            json.WriteString("minute", ReportFormat.Minute(m.Minute));
            json.WriteNumber("count", m.Count);
            json.WriteBoolean("approximate", m.Approximate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("untracked");
        json.WriteStartObject("codes");
        json.WriteNumber("folded", cause.UntrackedCodes.Keys);
        json.WriteNumber("entries", cause.UntrackedCodes.Entries);
        json.WriteEndObject();
        json.WriteStartObject("minutes");
        json.WriteNumber("folded", cause.UntrackedMinutes.Keys);
        json.WriteNumber("entries", cause.UntrackedMinutes.Entries);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("context");
        json.WriteStartObject("classification");
        foreach (var c in cause.Context.Classifications) json.WriteNumber(c.Code, c.Count);
        json.WriteEndObject();
        json.WriteStartObject("actions");
        foreach (var c in cause.Context.Actions) json.WriteNumber(c.Code, c.Count);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("targets");
        foreach (var t in cause.Targets)
        {
            json.WriteStartObject();
            json.WriteString("target", t.Target);
            json.WriteNumber("count", t.Count);
            json.WriteBoolean("approximate", t.Approximate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("samples");
        foreach (var s in cause.Samples) json.WriteStringValue(url(s));
        json.WriteEndArray();
        WriteWindow(json, "window", cause.Window);
        json.WriteEndObject();
    }

    /// <summary>What was folded into others tallies once there were more distinct keys than tracked.</summary>
    private static void WriteUntracked(Utf8JsonWriter json, AnalysisReport report)
    {
        json.WriteStartObject("untracked");
        json.WriteNumber("maxTrackedKeys", report.MaxTrackedKeys);
        json.WriteNumber("maxTrackedCodes", CauseReport.MaxTrackedCodes);
        json.WriteStartObject("targets");
        json.WriteNumber("folded", report.OtherTargets.Keys);
        json.WriteNumber("requests", report.OtherTargets.Entries);
        json.WriteNumber("http502", report.OtherTargets.Http502);
        json.WriteEndObject();
        json.WriteStartObject("targetGroups");
        json.WriteNumber("folded", report.OtherTargetGroups.Keys);
        json.WriteNumber("http502", report.OtherTargetGroups.Http502);
        json.WriteEndObject();
        json.WriteStartObject("loadBalancers");
        json.WriteNumber("folded", report.OtherLoadBalancers.Keys);
        json.WriteNumber("entries", report.OtherLoadBalancers.Entries);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTiming(Utf8JsonWriter json, string name, TimingSummary? timing)
    {
        if (timing is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteNumber("count", timing.Count);
        json.WriteNumber("min", Math.Round(timing.Min, 6));
        json.WriteNumber("mean", Math.Round(timing.Mean, 6));
        json.WriteNumber("max", Math.Round(timing.Max, 6));
        json.WriteEndObject();
    }

    /// <summary>A cause's verdict: the metrics consulted with their values (null when missing), why a verdict is unavailable, the findings.</summary>
    private static void WriteConfirmation(Utf8JsonWriter json, CauseVerdictLine verdict, IEnumerable<HypothesisFinding> findings)
    {
        var c = verdict.Confirmation;
        json.WriteStartObject("confirmation");
        json.WriteString("verdict", c.VerdictId);
        json.WriteString("line", verdict.Line);
        json.WriteStartArray("metrics");
        foreach (var m in c.Consulted)
        {
            json.WriteStartObject();
            json.WriteString("name", m.Name);
            if (m.Value is { } value) json.WriteNumber("value", value);
            else json.WriteNull("value");
            WriteUnavailable(json, "unavailable", m.Missing);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteUnavailable(json, "unavailable", c.Missing);
        WriteStringOrNull(json, "contradictingMetric", c.ContradictingMetric);
        WriteStringOrNull(json, "pointsTo", c.PointsTo);
        json.WriteStartArray("findings");
        foreach (var f in findings)
        {
            json.WriteStartObject();
            json.WriteString("hypothesis", f.HypothesisId);
            json.WriteString("settlement", f.SettlementId);
            json.WriteString("line", f.Line);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The logs' 502s against CloudWatch's counts over the evidence window.</summary>
    private static void WriteCoverage(Utf8JsonWriter json, ReportConfirmation confirmation)
    {
        json.WriteStartObject("coverage");
        json.WriteString("loadBalancer", confirmation.LoadBalancer);
        json.WriteStartObject("window");
        json.WriteString("start", ReportFormat.Time(confirmation.Window.Start));
        json.WriteString("end", ReportFormat.Time(confirmation.Window.End));
        json.WriteEndObject();
        json.WriteBoolean("topCauseConfirmed", confirmation.TopCauseConfirmed);
        WriteFigure(json, "loadBalancer502", confirmation.Coverage.LoadBalancer502, confirmation.Coverage.LoadBalancerSentence);
        WriteFigure(json, "target502", confirmation.Coverage.Target502, confirmation.Coverage.TargetSentence);
        json.WriteEndObject();
    }

    private static void WriteFigure(Utf8JsonWriter json, string name, CoverageFigure figure, string sentence)
    {
        json.WriteStartObject(name);
        json.WriteNumber("inLogs", figure.InLogs);
        json.WriteString("metric", figure.Metric);
        if (figure.Counted.IsAvailable) json.WriteNumber("counted", figure.Counted.Value);
        else json.WriteNull("counted");
        WriteUnavailable(json, "unavailable", figure.Counted.Missing);
        json.WriteString("finding", figure.Finding switch
        {
            CoverageFinding.Consistent => "consistent",
            CoverageFinding.LogsIncomplete => "logs-incomplete",
            CoverageFinding.LogsExceedMetric => "logs-exceed-metric",
            _ => "unavailable",
        });
        json.WriteString("line", sentence);
        json.WriteEndObject();
    }

    private static void WriteUnavailable(Utf8JsonWriter json, string name, Unavailable? missing)
    {
        if (missing is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("reason", missing.ReasonId);
        json.WriteString("detail", missing.Detail);
        json.WriteEndObject();
    }

    private static void WriteWindow(Utf8JsonWriter json, string name, TimeWindow window)
    {
        json.WriteStartObject(name);
        WriteStringOrNull(json, "first", window.First is null ? null : ReportFormat.Time(window.First));
        WriteStringOrNull(json, "last", window.Last is null ? null : ReportFormat.Time(window.Last));
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
