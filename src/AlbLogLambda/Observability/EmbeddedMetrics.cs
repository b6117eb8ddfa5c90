using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Observability;

/// <summary>
/// CloudWatch Embedded Metric Format documents (namespace AlbLogLambda): 502 counts per load balancer,
/// by origin and by cause, so users graph and alarm per cause with no extra service. One document per
/// dimension value, since EMF takes dimension values from the document's root.
/// </summary>
internal static class EmbeddedMetrics
{
    public const string Namespace = "AlbLogLambda";

    public static IEnumerable<string> Documents(string loadBalancer, AnalysisReport report, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(report);
        long ms = timestamp.ToUnixTimeMilliseconds();
        yield return Document(ms, ["LoadBalancer"], w => w.WriteString("LoadBalancer", loadBalancer),
        [
            ("Http502", report.Http502.Total),
            ("Http502LoadBalancer", report.Http502.LoadBalancer),
            ("Http502Target", report.Http502.Target),
            ("FixedResponse502", report.Http502.FixedResponse),
            ("Entries", report.Entries),
            ("MalformedLines", report.Malformed),
        ]);
        foreach (var cause in report.Causes)
        {
            yield return Document(ms, ["LoadBalancer", "Cause"], w =>
            {
                w.WriteString("LoadBalancer", loadBalancer);
                w.WriteString("Cause", cause.Info.Id);
                w.WriteString("Origin", Core.Classification.CauseCatalog.Id(cause.Info.Origin));
            }, [("Http502", cause.Count)]);
        }
    }

    private static string Document(long timestamp, string[] dimensions, Action<Utf8JsonWriter> values, (string Name, long Value)[] metrics)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var d in dimensions) json.WriteStringValue(d);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, _) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", "Count");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            values(json);
            foreach (var (name, value) in metrics) json.WriteNumber(name, value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
