using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Reading;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Analysis;

public class AnalysisSessionTests
{
    private static AnalysisReport Analyze(string name, byte[] content, AnalysisOptions? options = null)
    {
        using var session = new AnalysisSession(options);
        session.Analyze(name, new MemoryStream(content));
        return session.BuildReport();
    }

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    [Fact]
    public void Analyze_TargetThatFailsEveryRequest_IsTargetDown_AndOneThatAlsoServes_IsIntermittent()
    {
        var log = Lines(
            TestLines.Line(target: "10.0.1.20:8080", times: "-1 -1 -1", status: "502 -"),
            TestLines.Line(target: "10.0.1.20:8080", times: "-1 -1 -1", status: "502 -"),
            TestLines.Line(target: "10.0.1.21:8080", times: "-1 -1 -1", status: "502 -"),
            TestLines.Line(target: "10.0.1.21:8080"),
            TestLines.Line(target: "10.0.1.21:8080"));

        var report = Analyze("a.log", TestLines.Utf8(log));

        var cause = Assert.Single(report.Causes);
        Assert.Equal(Http502Cause.TargetConnectionFailed, cause.Info.Cause);
        Assert.Equal(3, cause.Count);
        Assert.Equal([("target-down", 2L), ("intermittent", 1L)], cause.Hypotheses.Select(h => (h.Info.Id, h.Count)));
        var worst = report.Targets[0];
        Assert.Equal(("10.0.1.20:8080", 2L, 2L, 1.0), (worst.Target, worst.Http502, worst.Requests, worst.FailureShare));
        Assert.Equal(1.0 / 3, report.Targets[1].FailureShare, 6);
    }

    [Fact]
    public void Analyze_HttpsTargetConnectionFailure_NamesTheReachabilityHypothesisAsAlternative()
    {
        var log = Lines(TestLines.Line(target: "10.0.1.30:443", times: "-1 -1 -1", status: "502 -"));

        var hypothesis = Assert.Single(Analyze("a.log", TestLines.Utf8(log)).Causes[0].Hypotheses);

        Assert.Equal((Hypothesis.TlsHandshake, Hypothesis.TargetDown), (hypothesis.Info.Hypothesis, hypothesis.Alternative));
    }

    [Fact]
    public void Analyze_FixedResponses_AreCountedApartFromTheErrorTotals()
    {
        var log = Lines(
            TestLines.Line(target: "-", times: "-1 -1 -1", status: "502 -", actions: "fixed-response", targetGroup: "-"),
            TestLines.Line(times: "0.001 0.2 0.000", status: "502 502"),
            TestLines.Line(times: "0.001 0.004 -1", status: "502 -"));

        var report = Analyze("a.log", TestLines.Utf8(log));

        Assert.Equal(new Http502Totals(Total: 2, LoadBalancer: 1, Target: 1, FixedResponse: 1), report.Http502);
        Assert.Equal(Http502Cause.FixedResponse, report.Causes[^1].Info.Cause);
        Assert.NotEqual(Http502Cause.FixedResponse, report.TopCause!.Info.Cause);
    }

    [Fact]
    public void Analyze_TruncatedGzip_KeepsTheEntriesReadAndMarksTheObjectFailed()
    {
        var log = string.Concat(Enumerable.Range(0, 5000).Select(i => TestLines.Line(status: i % 100 == 0 ? "502 502" : "200 200") + "\n"));
        var gzip = TestLines.Gzip(log);

        var report = Analyze("cut.log.gz", gzip[..(gzip.Length * 2 / 3)]);

        var outcome = Assert.Single(report.Objects);
        Assert.Equal(ObjectStatus.Failed, outcome.Status);
        Assert.Contains("truncated", outcome.Reason, StringComparison.Ordinal);
        Assert.InRange(report.Entries, 1, 4999);
        Assert.Equal(report.Entries, outcome.Entries);
    }

    [Fact]
    public void Analyze_MultiMemberGzip_ReadsAllMembers()
    {
        var members = Enumerable.Range(0, 3).Select(m => TestLines.Gzip(Lines(TestLines.Line(status: "502 502"), TestLines.Line()))).SelectMany(b => b).ToArray();

        var report = Analyze("m.log.gz", members);

        Assert.Equal(6, report.Entries);
        Assert.Equal(3, report.Http502.Target);
        Assert.Equal(ObjectStatus.Ok, report.Objects[0].Status);
    }

    [Fact]
    public void Analyze_ObjectNamedAsAnotherLogKind_IsSkippedUnread()
    {
        var report = Analyze("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/conn_log_123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz", []);

        var outcome = Assert.Single(report.Objects);
        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Contains("connection log", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ContentOfAnotherLogKind_IsSkippedWithTheKind()
    {
        var log = Lines("http 2025-10-31T12:44:58.901409Z 1.121980746 172.31.31.9:80 HCLogsTestIPs FAIL 502 TargetError",
            "http 2025-10-31T12:44:59.901409Z 1.121980746 172.31.31.9:80 HCLogsTestIPs FAIL 502 TargetError");

        var report = Analyze("renamed.log", TestLines.Utf8(log));

        Assert.Equal(ObjectStatus.Skipped, report.Objects[0].Status);
        Assert.Contains("health-check", report.Objects[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0, report.Http502.Total);
    }

    [Fact]
    public void Analyze_ForeignLineInsideAnAccessLog_IsASkippedLineNotAnEntry()
    {
        var log = Lines(TestLines.Line(), "http 2025-10-31T12:44:58.901409Z 1.121980746 172.31.31.9:80 HCLogsTestIPs FAIL 502 TargetError", TestLines.Line());

        var report = Analyze("a.log", TestLines.Utf8(log));

        Assert.Equal((2L, 1L, 0L, 0L), (report.Entries, report.SkippedLines, report.Malformed, report.Http502.Total));
    }

    [Fact]
    public void Analyze_TextThatIsNoLog_FailsWithAClearReason()
    {
        var report = Analyze("notes.txt", TestLines.Utf8("hello\nthis is not a log\n"));

        Assert.Equal(ObjectStatus.Failed, report.Objects[0].Status);
        Assert.Contains("not an ALB access log", report.Objects[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_BinaryInput_Fails()
    {
        var report = Analyze("image.png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

        Assert.Equal(ObjectStatus.Failed, report.Objects[0].Status);
        Assert.Contains("binary", report.Objects[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MalformedAndTooLongLines_AreCountedWithLineNumbersAndReadingGoesOn()
    {
        var log = Lines(TestLines.Line(), "not a log line", TestLines.Line(request: "GET http://x/" + new string('a', 3000) + " HTTP/1.1"), TestLines.Line(status: "502 502"));

        var report = Analyze("a.log", TestLines.Utf8(log), new AnalysisOptions { MaxLineBytes = 1024 });

        Assert.Equal((2L, 2L), (report.Entries, report.Malformed));
        Assert.Equal([2L, 3L], report.MalformedSamples.Select(s => s.Line));
        Assert.Equal(1, report.Http502.Target);
    }

    [Fact]
    public void Analyze_ObjectThatThrowsIoMidway_LeavesNoTraceInTheTotals()
    {
        using var session = new AnalysisSession();
        session.Analyze("good.log", new MemoryStream(TestLines.Utf8(Lines(TestLines.Line(status: "502 502")))));
        var failing = new FailingStream(TestLines.Utf8(Lines(TestLines.Line(status: "502 502"), TestLines.Line(status: "502 502"))));

        Assert.Throws<IOException>(() => session.Analyze("flaky.log", failing));
        var report = session.BuildReport();

        Assert.Equal((1L, 1L), (report.Entries, report.Http502.Total));
        Assert.Single(report.Objects);
    }

    [Fact]
    public void WriteEntries_Every5xxEntry_IsOneNdjsonLineWithTheContractFields()
    {
        var log = Lines(
            TestLines.Line(),
            TestLines.Line(target: "10.0.1.20:8080", times: "-1 -1 -1", status: "502 -"),
            TestLines.Line(status: "503 -", target: "-"),
            TestLines.Line(times: "0.001 0.004 -1", status: "502 -"),
            TestLines.Line(status: "502 502"));
        using var session = new AnalysisSession(new AnalysisOptions { CollectEntries = true });
        session.Analyze("a.log", new MemoryStream(TestLines.Utf8(log)));
        var output = new MemoryStream();

        session.WriteEntries(output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([2, 3, 4, 5], docs.Select(d => d.GetProperty("line").GetInt32()));
        Assert.Equal("target-connection-failed", docs[0].GetProperty("cause").GetString());
        Assert.Equal("target-down", docs[0].GetProperty("hypothesis").GetString());
        Assert.Equal("load-balancer", docs[0].GetProperty("origin").GetString());
        Assert.Equal("10.0.1.20:8080", docs[0].GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Null, docs[0].GetProperty("targetStatus").ValueKind);
        Assert.Equal(503, docs[1].GetProperty("elbStatus").GetInt32());
        Assert.Equal(JsonValueKind.Null, docs[1].GetProperty("cause").ValueKind);
        Assert.Equal(JsonValueKind.Null, docs[1].GetProperty("target").ValueKind);
        Assert.Equal("keep-alive-race", docs[2].GetProperty("hypothesis").GetString());
        Assert.Equal(("target", "502"), (docs[3].GetProperty("origin").GetString(), docs[3].GetProperty("targetStatus").GetString()));
        Assert.All(docs, d => Assert.Equal("a.log", d.GetProperty("source").GetString()));
    }

    [Fact]
    public void JsonReport_HoldsTheDocumentedContract()
    {
        var log = Lines(TestLines.Line(), TestLines.Line(status: "502 502"), TestLines.Line(status: "504 -", target: "-"),
            TestLines.Line(target: "-", times: "-1 -1 -1", status: "502 -", actions: "fixed-response", targetGroup: "-"));
        var report = Analyze("a.log", TestLines.Utf8(log));
        var output = new MemoryStream();

        JsonReportWriter.Write(output, report);

        var root = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        var obj = root.GetProperty("objects")[0];
        Assert.Equal(("a.log", "ok", 4), (obj.GetProperty("source").GetString(), obj.GetProperty("status").GetString(), obj.GetProperty("entries").GetInt32()));
        Assert.Equal(4, root.GetProperty("entries").GetInt32());
        Assert.Equal(0, root.GetProperty("malformed").GetInt32());
        Assert.Equal(0, root.GetProperty("skipped").GetInt32());
        Assert.Equal(2, root.GetProperty("statusCounts").GetProperty("502").GetInt32());
        Assert.Equal(1, root.GetProperty("statusCounts").GetProperty("504").GetInt32());
        var h = root.GetProperty("http502");
        Assert.Equal((1, 0, 1, 1), (h.GetProperty("total").GetInt32(), h.GetProperty("loadBalancer").GetInt32(), h.GetProperty("target").GetInt32(), h.GetProperty("fixedResponse").GetInt32()));
        var cause = root.GetProperty("causes")[0];
        Assert.Equal("target-returned-502", cause.GetProperty("id").GetString());
        foreach (var name in new[] { "origin", "count", "confidence", "title", "confirm", "remedy", "targets", "samples", "spread", "timeline", "context" })
        {
            Assert.True(cause.TryGetProperty(name, out _), name);
        }
        // The target's own status is the code that names this cause.
        Assert.Equal(1, cause.GetProperty("evidence").GetProperty("codes").GetProperty("502").GetInt32());
        Assert.Equal(0, cause.GetProperty("evidence").GetProperty("codeDetails").GetArrayLength());
        Assert.Equal((1, 1), (cause.GetProperty("spread").GetProperty("targets").GetInt32(), cause.GetProperty("spread").GetProperty("of").GetInt32()));
        var minute = Assert.Single(cause.GetProperty("timeline").EnumerateArray());
        Assert.Equal(("2026-11-24T10:03Z", 1), (minute.GetProperty("minute").GetString(), minute.GetProperty("count").GetInt32()));
        var context = cause.GetProperty("context");
        Assert.Equal(["Acceptable", "Ambiguous", "Severe"], context.GetProperty("classification").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["waf-failed", "authenticate", "waf"], context.GetProperty("actions").EnumerateObject().Select(p => p.Name));
        Assert.All(context.GetProperty("classification").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt32()));
        Assert.Equal("2026-11-24T10:03:12.123456Z", root.GetProperty("window").GetProperty("first").GetString());
        Assert.Contains("?id=42", report.Causes[0].Samples[0], StringComparison.Ordinal);
        Assert.DoesNotContain("?id=42", cause.GetProperty("samples")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>Serves its bytes, then fails like a dropped connection instead of ending.</summary>
    private sealed class FailingStream(byte[] head) : ReadOnlyStream
    {
        private readonly MemoryStream _head = new(head);

        public override int Read(Span<byte> buffer)
        {
            int n = _head.Read(buffer);
            return n > 0 ? n : throw new IOException("connection reset by peer");
        }
    }
}
