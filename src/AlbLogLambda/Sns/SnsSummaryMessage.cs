using System.Globalization;
using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.ObjectKeys;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Sns;

/// <summary>
/// Builds the SNS message for one load balancer's summary: an e-mail-safe subject, the text report as
/// body (under SNS's 256 KB limit, dropping samples first), filter-policy attributes and FIFO ids.
/// A pure function of its inputs.
/// </summary>
public static class SnsSummaryMessage
{
    /// <summary>SNS's limit for a message, body and attributes together (UTF-8 bytes).</summary>
    public const int MaxMessageBytes = SnsMessage.MaxSizeInBytes;

    /// <summary>Kept free below the limit for the XML/form framing differences we do not control.</summary>
    private const int SafetyMarginBytes = 4_096;

    private const int MaxSubjectLength = 99;

    /// <summary>Covered objects listed by key at the end of the body; the rest are counted.</summary>
    private const int MaxListedObjects = 20;

    /// <param name="summary">The summary.</param>
    /// <param name="topicArn">The topic; null for a dry run (no FIFO ids).</param>
    public static SnsMessage Build(LoadBalancerSummary summary, string? topicArn)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var (loadBalancer, report, objects, objectsToRetry) = summary;
        var attributes = Attributes(loadBalancer, report, objects.Count);
        if (summary.Confirmation is { } confirmation)
        {
            // For filter policies: page only on what CloudWatch confirms, or route the rest elsewhere.
            attributes.Add(new SnsMessageAttribute("confirmed", "String", confirmation.TopCauseConfirmed ? "true" : "false"));
        }
        int budget = MaxMessageBytes - SafetyMarginBytes - attributes.Sum(a => a.SizeInBytes);

        string body = Body(summary, includeSamples: true, note: null);
        if (Encoding.UTF8.GetByteCount(body) > budget)
        {
            body = Body(summary, includeSamples: false,
                note: "Sample lines were left out to keep this message under SNS's 256 KB limit; run `alblog analyze` on the objects for them.");
        }
        if (Encoding.UTF8.GetByteCount(body) > budget)
        {
            body = Truncate(body, budget);
        }

        bool fifo = topicArn is not null && topicArn.EndsWith(".fifo", StringComparison.Ordinal);
        return new SnsMessage(topicArn ?? "", Subject(loadBalancer, report, objects), body, attributes,
            fifo ? loadBalancer : null, fifo ? summary.Identity : null);
    }

    /// <summary>ASCII, no control characters, under 100 characters: what SNS accepts for e-mail subjects.</summary>
    public static string Subject(string loadBalancer, AnalysisReport report, IReadOnlyList<LogObjectRef> objects)
    {
        ArgumentNullException.ThrowIfNull(report);
        string name = LoadBalancerName(loadBalancer);
        var when = IntervalEnd(report, objects);
        var subject = $"ALB 502: {name} {report.Http502.LoadBalancer.ToString("N0", CultureInfo.InvariantCulture)} from LB, "
            + $"{report.Http502.Target.ToString("N0", CultureInfo.InvariantCulture)} from targets"
            + (when is { } t ? $" ({t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z)" : "");
        var ascii = new StringBuilder(subject.Length);
        foreach (char c in subject)
        {
            ascii.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        var result = ascii.ToString();
        return result.Length <= MaxSubjectLength ? result : result[..(MaxSubjectLength - 3)] + "...";
    }

    private static List<SnsMessageAttribute> Attributes(string loadBalancer, AnalysisReport report, int objectCount)
    {
        var h = report.Http502;
        string origin = h.LoadBalancer > 0 && h.Target > 0 ? "both" : h.Target > 0 ? "target" : "load-balancer";
        var attributes = new List<SnsMessageAttribute>
        {
            new("loadBalancer", "String", loadBalancer),
            new("origin", "String", origin),
            new("http502Total", "Number", h.Total.ToString(CultureInfo.InvariantCulture)),
            new("http502LoadBalancer", "Number", h.LoadBalancer.ToString(CultureInfo.InvariantCulture)),
            new("http502Target", "Number", h.Target.ToString(CultureInfo.InvariantCulture)),
            new("objects", "Number", objectCount.ToString(CultureInfo.InvariantCulture)),
        };
        if (report.TopCause is { } top) attributes.Insert(1, new SnsMessageAttribute("topCause", "String", top.Info.Id));
        return attributes;
    }

    /// <summary>
    /// The triage first, the lists last: header (with the report link and the failed objects' count), then the text
    /// report (headline, causes with confirm-with and remedy, worst targets, inputs with failed objects first), then
    /// the covered objects, capped. A cut to fit SNS's limit falls on the lists, never on the headline or the causes.
    /// </summary>
    private static string Body(LoadBalancerSummary summary, bool includeSamples, string? note)
    {
        var (loadBalancer, report, objects, objectsToRetry) = summary;
        var text = new StringBuilder();
        // Values from keys and logs are shown inert: no control character reaches a mail client or terminal raw.
        text.Append("Load balancer: ").AppendLine(InertText.Escape(loadBalancer));
        text.Append("Window: ").Append(ReportFormat.Time(report.Window.First)).Append(" to ").AppendLine(ReportFormat.Time(report.Window.Last));
        if (summary.ReportLink is { } link) text.Append("Report: ").AppendLine(link.AbsoluteUri);
        int failed = report.Objects.Count(o => o.Status == ObjectStatus.Failed);
        if (failed > 0)
        {
            text.Append("Failed objects: ").Append(ReportFormat.Count(failed)).AppendLine(" could not be analyzed (named under Inputs below).");
        }
        if (objectsToRetry > 0)
        {
            text.Append("Not in this summary: ").Append(ReportFormat.Count(objectsToRetry)).Append(' ').Append(ReportFormat.Plural(objectsToRetry, "object", "objects"))
                .AppendLine(" could not be read now and will be retried; their 502s will come in a later message.");
        }
        if (note is not null) text.AppendLine(note);
        text.AppendLine();
        text.Append(TextReportRenderer.Render(report, new TextReportOptions { IncludeSamples = includeSamples, ShowQuery = false, MaxObjectLines = 20, Confirmation = summary.Confirmation }));
        text.AppendLine();
        text.Append("Objects covered (").Append(ReportFormat.Count(objects.Count)).AppendLine("):");
        foreach (var o in objects.Take(MaxListedObjects)) text.Append("  ").AppendLine(InertText.Escape(o.ToString()));
        if (objects.Count > MaxListedObjects) text.Append("  ... and ").Append(ReportFormat.Count(objects.Count - MaxListedObjects)).AppendLine(" more (the function's log names each)");
        return text.ToString();
    }

    private static string Truncate(string body, int budget)
    {
        const string Marker = "\n[report truncated to fit SNS's 256 KB limit]\n";
        int keep = budget - Encoding.UTF8.GetByteCount(Marker);
        var bytes = Encoding.UTF8.GetBytes(body);
        // Cut on a character boundary: back off continuation bytes (10xxxxxx).
        while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) keep--;
        return Encoding.UTF8.GetString(bytes, 0, keep) + Marker;
    }

    /// <summary><c>my-alb</c> from <c>app/my-alb/50dc6c495c0c9188</c>.</summary>
    public static string LoadBalancerName(string loadBalancer)
    {
        ArgumentNullException.ThrowIfNull(loadBalancer);
        var parts = loadBalancer.Split('/');
        return parts.Length == 3 ? parts[1] : loadBalancer;
    }

    /// <summary>The latest interval end among the object keys, else the last entry's time.</summary>
    private static DateTimeOffset? IntervalEnd(AnalysisReport report, IReadOnlyList<LogObjectRef> objects)
    {
        DateTimeOffset? latest = null;
        foreach (var o in objects)
        {
            if (AlbLogObjectKey.TryParse(o.Key, out var key) && (latest is null || key.EndTime > latest)) latest = key.EndTime;
        }
        return latest ?? report.Window.Last;
    }
}
