using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Observability;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.Observability;

/// <summary>
/// The Embedded Metric Format documents, pinned field by field: CloudWatch turns exactly these into metrics, so a
/// renamed metric, dimension or unit silently breaks users' alarms and dashboards.
/// </summary>
public class EmbeddedMetricsTests
{
    private const string Lb = "app/my-alb/50dc6c495c0c9188";
    private static readonly DateTimeOffset s_time = new(2026, 11, 24, 10, 6, 0, TimeSpan.Zero);

    private static List<JsonElement> Documents(string log)
    {
        using var session = new AnalysisSession();
        session.Analyze("x.log", new MemoryStream(Encoding.UTF8.GetBytes(log)));
        return EmbeddedMetrics.Documents(Lb, session.BuildReport(), s_time).Select(d => JsonDocument.Parse(d).RootElement.Clone()).ToList();
    }

    [Fact]
    public void Documents_LoadBalancerDocument_HasTheDocumentedNamespaceDimensionsMetricsAndValues()
    {
        var documents = Documents(Line("502 502") + Line("502 -", times: "-1 -1 -1") + Line("502 -", times: "-1 -1 -1") + Line());

        var first = documents[0];
        var aws = first.GetProperty("_aws");
        Assert.Equal(s_time.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("AlbLogLambda", directive.GetProperty("Namespace").GetString());
        Assert.Equal([["LoadBalancer"]], directive.GetProperty("Dimensions").EnumerateArray().Select(d => d.EnumerateArray().Select(x => x.GetString()).ToArray()).ToArray());
        Assert.Equal(
            [("Http502", "Count"), ("Http502LoadBalancer", "Count"), ("Http502Target", "Count"), ("FixedResponse502", "Count"), ("Entries", "Count"), ("MalformedLines", "Count")],
            directive.GetProperty("Metrics").EnumerateArray().Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString())).ToArray());
        Assert.Equal(Lb, first.GetProperty("LoadBalancer").GetString());
        Assert.Equal((3, 2, 1, 0, 4, 0), (first.GetProperty("Http502").GetInt64(), first.GetProperty("Http502LoadBalancer").GetInt64(),
            first.GetProperty("Http502Target").GetInt64(), first.GetProperty("FixedResponse502").GetInt64(),
            first.GetProperty("Entries").GetInt64(), first.GetProperty("MalformedLines").GetInt64()));
        Assert.Equal(["_aws", "LoadBalancer", "Http502", "Http502LoadBalancer", "Http502Target", "FixedResponse502", "Entries", "MalformedLines"],
            first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Documents_OnePerCause_WithCauseAndOriginDimensions()
    {
        var documents = Documents(Line("502 502") + Line("502 -", times: "-1 -1 -1") + Line("502 -", times: "-1 -1 -1"));

        var causes = documents.Skip(1).ToList();
        Assert.Equal(2, causes.Count);
        foreach (var document in causes)
        {
            var directive = Assert.Single(document.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray());
            Assert.Equal("AlbLogLambda", directive.GetProperty("Namespace").GetString());
            Assert.Equal([["LoadBalancer", "Cause"]], directive.GetProperty("Dimensions").EnumerateArray().Select(d => d.EnumerateArray().Select(x => x.GetString()).ToArray()).ToArray());
            Assert.Equal([("Http502", "Count")], directive.GetProperty("Metrics").EnumerateArray().Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString())).ToArray());
            Assert.Equal(["_aws", "LoadBalancer", "Cause", "Origin", "Http502"], document.EnumerateObject().Select(p => p.Name));
        }
        Assert.Equal([("target-connection-failed", "load-balancer", 2L), ("target-returned-502", "target", 1L)],
            causes.Select(d => (d.GetProperty("Cause").GetString(), d.GetProperty("Origin").GetString(), d.GetProperty("Http502").GetInt64())));
    }
}
