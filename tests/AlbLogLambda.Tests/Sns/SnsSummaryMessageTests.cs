using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Sns;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.Sns;

public class SnsSummaryMessageTests
{
    private const string Lb = "app/my-alb/50dc6c495c0c9188";

    private static AnalysisReport Report(string log)
    {
        using var session = new AnalysisSession();
        session.Analyze("x.log", new MemoryStream(Encoding.UTF8.GetBytes(log)));
        return session.BuildReport();
    }

    private static SnsMessage Build(AnalysisReport report, IReadOnlyList<LogObjectRef> objects, string? topicArn) =>
        SnsSummaryMessage.Build(new LoadBalancerSummary(Lb, report, objects, ObjectsToRetry: 0), topicArn);

    [Fact]
    public void Build_FifoTopic_SetsGroupAndAStableDeduplicationId()
    {
        var report = Report(Line("502 502"));
        var objects = new[] { new LogObjectRef(Bucket, Key(rand: "b"), "\"etag-b\""), new LogObjectRef(Bucket, Key(rand: "a"), "etag-a") };

        var message = Build(report, objects, "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");
        var reordered = Build(report, objects.Reverse().ToArray(), "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");
        var other = Build(report, [objects[0]], "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");

        Assert.Equal(Lb, message.MessageGroupId);
        Assert.Matches("^[0-9a-f]{64}$", message.MessageDeduplicationId);
        Assert.Equal(message.MessageDeduplicationId, reordered.MessageDeduplicationId);
        Assert.NotEqual(message.MessageDeduplicationId, other.MessageDeduplicationId);
        // Independent reference: the hash of the sorted identities, quotes stripped from the ETag.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Bucket}/{Key(rand: "a")}@etag-a\n{Bucket}/{Key(rand: "b")}@etag-b")));
        Assert.Equal(expected, message.MessageDeduplicationId);
    }

    [Theory]
    [InlineData(1466, "true", "target-connection-failed: confirmed: TargetConnectionErrorCount 1,466 for app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC")]
    [InlineData(0, "false", "target-connection-failed: unconfirmed: TargetConnectionErrorCount 0")]
    public void Build_WithCloudWatchsEvidence_SaysTheVerdictAfterTheHeadlineAndSetsTheConfirmedAttribute(double connectionErrors, string confirmed, string verdictLine)
    {
        var report = Report(Line("502 -", times: "-1 -1 -1") + Line("502 -", times: "-1 -1 -1"));
        var window = new EvidenceWindow(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero));
        var readings = EvidencePart<MetricReadings>.Available(new MetricReadings([
            new MetricReading(EvidenceMetrics.TargetConnectionErrorCount, connectionErrors, connectionErrors > 0 ? 5 : 0),
            new MetricReading(EvidenceMetrics.Elb502Count, 1480, 5)]));
        var evidence = new LoadBalancerEvidence(Lb, window, readings, EvidencePart<int>.Available(60), []);
        var summary = new LoadBalancerSummary(Lb, report, [new LogObjectRef(Bucket, Key(), "e")], ObjectsToRetry: 0)
        {
            Confirmation = ReportConfirmation.Of(report, Lb, evidence, window),
        };

        var message = SnsSummaryMessage.Build(summary, "arn:aws:sns:us-east-1:123456789012:alb-502");

        Assert.Equal(confirmed, Assert.Single(message.Attributes, a => a.Name == "confirmed").Value);
        Assert.Contains("  " + verdictLine, message.Body, StringComparison.Ordinal);
        Assert.Contains("  Coverage: the logs hold 2 of the 1,480 load-balancer 502s that CloudWatch counted (HTTPCode_ELB_502_Count)", message.Body, StringComparison.Ordinal);
        int headline = message.Body.IndexOf("HTTP 502 triage:", StringComparison.Ordinal);
        int section = message.Body.IndexOf("Confirmed by CloudWatch (AWS/ApplicationELB, app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC):", StringComparison.Ordinal);
        Assert.InRange(section, headline + 1, message.Body.IndexOf("Causes, most frequent first", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WithoutEvidence_HasNoConfirmedAttribute()
    {
        var message = Build(Report(Line("502 502")), [new LogObjectRef(Bucket, Key(), "e")], "arn:aws:sns:us-east-1:123456789012:alb-502");

        Assert.DoesNotContain(message.Attributes, a => a.Name == "confirmed");
        Assert.DoesNotContain("Confirmed by CloudWatch", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StandardTopic_HasNoFifoFields()
    {
        var message = Build(Report(Line("502 502")), [new LogObjectRef(Bucket, Key(), "e")], "arn:aws:sns:us-east-1:123456789012:alb-502");

        Assert.Null(message.MessageGroupId);
        Assert.Null(message.MessageDeduplicationId);
    }

    [Fact]
    public void Build_HugeReport_StaysUnderSnsLimitByDroppingSamplesFirstAndSaysSo()
    {
        // Three samples per cause, each with a 60 KB request line: well over 256 KB with samples.
        var longUrl = "GET https://shop.example.com:443/" + new string('p', 60_000) + " HTTP/1.1";
        var log = string.Concat(Enumerable.Range(0, 3).Select(_ =>
            Line("502 502").Replace("GET https://shop.example.com:443/cart?session=abc HTTP/1.1", longUrl, StringComparison.Ordinal)
            + Line("502 -", times: "-1 -1 -1").Replace("GET https://shop.example.com:443/cart?session=abc HTTP/1.1", longUrl, StringComparison.Ordinal)));
        var report = Report(log);

        var message = Build(report, [new LogObjectRef(Bucket, Key(), "e")], null);

        Assert.True(message.SizeInBytes <= SnsSummaryMessage.MaxMessageBytes, $"{message.SizeInBytes} bytes");
        Assert.Contains("Sample lines were left out", message.Body, StringComparison.Ordinal);
        Assert.Contains("target-returned-502", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('p', 1000), message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_1500ObjectsAnd10000DistinctKeys_KeepsHeadlineAndCausesFirstUnderTheLimit()
    {
        var objects = Enumerable.Range(0, 1500).Select(i => new LogObjectRef(Bucket, Key(rand: $"r{i:D7}") + "/" + new string('k', 40), "e")).ToArray();
        // 10,000 distinct load balancers and targets in one object: every list the report has is long.
        var log = string.Concat(Enumerable.Range(0, 10_000).Select(i =>
            Line(i % 2 == 0 ? "502 502" : "502 -", target: $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}:8080", times: i % 2 == 0 ? "0.001 0.012 0.000" : "-1 -1 -1",
                elb: $"app/alb-{i:D5}/50dc6c495c0c9188")));
        var report = Report(log);

        var message = Build(report, objects, null);

        Assert.True(message.SizeInBytes <= SnsSummaryMessage.MaxMessageBytes, $"{message.SizeInBytes} bytes");
        int headline = message.Body.IndexOf("HTTP 502 triage: 10,000 errors", StringComparison.Ordinal);
        int causes = message.Body.IndexOf("Causes, most frequent first", StringComparison.Ordinal);
        int remedy = message.Body.IndexOf("Remedy:", StringComparison.Ordinal);
        int covered = message.Body.IndexOf("Objects covered (1,500):", StringComparison.Ordinal);
        Assert.True(headline >= 0 && headline < causes && causes < remedy && remedy < covered, $"{headline} {causes} {remedy} {covered}");
        Assert.Contains("... and 9,990 more load balancers", message.Body, StringComparison.Ordinal);
        Assert.Contains("... and 1,480 more (the function's log names each)", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RawSpaceUri_LosesItsWholeQueryInTheMessage()
    {
        var log = Line("502 502").Replace("GET https://shop.example.com:443/cart?session=abc HTTP/1.1", "GET https://h:443/a b?token=SECRET HTTP/1.1", StringComparison.Ordinal);

        var message = Build(Report(log), [new LogObjectRef(Bucket, Key(), "e")], null);

        Assert.Contains("GET https://h:443/a b HTTP/1.1", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", message.Body + message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FailedObject_IsCountedAtTheTopAndNamedBeforeTheOkOnesAndTheCoveredList()
    {
        using var session = new AnalysisSession();
        session.Analyze("s3://alb-logs/good.log.gz", new MemoryStream(Gzip(Line("502 502"))));
        var damaged = Gzip(string.Concat(Enumerable.Repeat(Line("502 -", times: "-1 -1 -1"), 200)));
        session.Analyze("s3://alb-logs/damaged.log.gz", new MemoryStream(damaged[..(damaged.Length / 2)]));
        var objects = Enumerable.Range(0, 30).Select(i => new LogObjectRef(Bucket, Key(rand: $"r{i:D7}"), "e")).ToArray();

        var body = Build(session.BuildReport(), objects, null).Body;

        int count = body.IndexOf("Failed objects: 1 could not be analyzed", StringComparison.Ordinal);
        int headline = body.IndexOf("HTTP 502 triage:", StringComparison.Ordinal);
        int remedy = body.IndexOf("Remedy:", StringComparison.Ordinal);
        int failed = body.IndexOf("FAILED  s3://alb-logs/damaged.log.gz", StringComparison.Ordinal);
        int ok = body.IndexOf("ok      s3://alb-logs/good.log.gz", StringComparison.Ordinal);
        int covered = body.IndexOf("Objects covered (30):", StringComparison.Ordinal);
        Assert.True(count >= 0 && count < headline && headline < remedy && remedy < failed && failed < ok && ok < covered,
            $"{count} {headline} {remedy} {failed} {ok} {covered}\n{body}");
        Assert.Contains("truncated", body[failed..ok], StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_LongNonAsciiName_IsPrintableAsciiCutAtNinetyNineCharacters()
    {
        var report = Report(Line("502 502"));
        // ALB names are at most 32 characters; a longer one (and non-ASCII) still yields a subject SNS accepts.
        var lb = "app/" + new string('x', 120) + "\u00e9\u2603/50dc6c495c0c9188";

        var subject = SnsSummaryMessage.Subject(lb, report, [new LogObjectRef(Bucket, Key(), "e")]);

        Assert.Equal(99, subject.Length);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("ALB 502: xxxx", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_ShortName_IsWholeWithNonAsciiReplaced()
    {
        var report = Report(Line("502 502"));
        var lb = "app/caf\u00e9/50dc6c495c0c9188";

        var subject = SnsSummaryMessage.Subject(lb, report, [new LogObjectRef(Bucket, Key(), "e")]);

        Assert.Equal("ALB 502: caf? 0 from LB, 1 from targets (2026-11-24 10:05Z)", subject);
    }

    [Fact]
    public void Subject_ThousandsOfErrors_UsesTheBodysThousandsSeparators()
    {
        var report = Report(string.Concat(Enumerable.Repeat(Line("502 502"), 1_234)));

        var subject = SnsSummaryMessage.Subject(Lb, report, [new LogObjectRef(Bucket, Key(), "e")]);

        Assert.Equal("ALB 502: my-alb 0 from LB, 1,234 from targets (2026-11-24 10:05Z)", subject);
    }

    [Fact]
    public void Build_QueryStrings_AreRemovedFromTheMessage()
    {
        var message = Build(Report(Line("502 502")), [new LogObjectRef(Bucket, Key(), "e")], null);

        Assert.Contains("https://shop.example.com:443/cart", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("session=abc", message.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u001b[31m")]
    [InlineData("\u001b]0;owned\u0007")]
    [InlineData("\r")]
    [InlineData("\u000b")]
    [InlineData("\u000c")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    public void Build_ControlCharactersInKeysAndLogValues_NeverReachSubjectOrBodyRaw(string hostile)
    {
        var log = Line("502 502").Replace("curl/8.4.0", "curl" + hostile, StringComparison.Ordinal).Replace("10.0.1.12:8080", "10.0.1.12:8080" + hostile, StringComparison.Ordinal);

        var message = Build(Report(log), [new LogObjectRef(Bucket, Key() + hostile, "e")], null);

        var controls = hostile.Where(c => char.IsControl(c) || c == '\u2028').ToArray();
        Assert.NotEmpty(controls);
        Assert.DoesNotContain(message.Body, c => controls.Contains(c));
        Assert.DoesNotContain(message.Subject, c => controls.Contains(c));
    }
}
