using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Notification;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.Handler;

public class AlertMessageBuilderTests
{
    private const string Lb = "app/my-alb/50dc6c495c0c9188";

    private static AnalysisReport Report(string log)
    {
        using var session = new AnalysisSession();
        session.Analyze("x.log", new MemoryStream(Encoding.UTF8.GetBytes(log)));
        return session.BuildReport();
    }

    [Fact]
    public void Build_FifoTopic_SetsGroupAndAStableDeduplicationId()
    {
        var report = Report(Line("502 502"));
        var objects = new[] { new CoveredObject(Bucket, Key(rand: "b"), "\"etag-b\""), new CoveredObject(Bucket, Key(rand: "a"), "etag-a") };

        var message = AlertMessageBuilder.Build(Lb, report, objects, "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");
        var reordered = AlertMessageBuilder.Build(Lb, report, objects.Reverse().ToArray(), "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");
        var other = AlertMessageBuilder.Build(Lb, report, [objects[0]], "arn:aws:sns:us-east-1:123456789012:alb-502.fifo");

        Assert.Equal(Lb, message.MessageGroupId);
        Assert.Matches("^[0-9a-f]{64}$", message.MessageDeduplicationId);
        Assert.Equal(message.MessageDeduplicationId, reordered.MessageDeduplicationId);
        Assert.NotEqual(message.MessageDeduplicationId, other.MessageDeduplicationId);
        // Independent reference: the hash of the sorted identities, quotes stripped from the ETag.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Bucket}/{Key(rand: "a")}@etag-a\n{Bucket}/{Key(rand: "b")}@etag-b")));
        Assert.Equal(expected, message.MessageDeduplicationId);
    }

    [Fact]
    public void Build_StandardTopic_HasNoFifoFields()
    {
        var message = AlertMessageBuilder.Build(Lb, Report(Line("502 502")), [new CoveredObject(Bucket, Key(), "e")], "arn:aws:sns:us-east-1:123456789012:alb-502");

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

        var message = AlertMessageBuilder.Build(Lb, report, [new CoveredObject(Bucket, Key(), "e")], null);

        Assert.True(message.SizeInBytes <= AlertMessageBuilder.MaxMessageBytes, $"{message.SizeInBytes} bytes");
        Assert.Contains("Sample lines were left out", message.Body, StringComparison.Ordinal);
        Assert.Contains("target-returned-502", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('p', 1000), message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ThousandsOfObjects_IsTruncatedUnderTheLimitWithAMarker()
    {
        var objects = Enumerable.Range(0, 5000).Select(i => new CoveredObject(Bucket, Key(rand: $"r{i:D7}") + "/" + new string('k', 40), "e")).ToArray();

        var message = AlertMessageBuilder.Build(Lb, Report(Line("502 502")), objects, null);

        Assert.True(message.SizeInBytes <= AlertMessageBuilder.MaxMessageBytes, $"{message.SizeInBytes} bytes");
        Assert.EndsWith("[report truncated to fit SNS's 256 KB limit]\n", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_IsPrintableAsciiUnder100Characters()
    {
        var report = Report(Line("502 502"));
        var lb = "app/" + new string('x', 32) + "\u00e9\u2603/50dc6c495c0c9188";

        var subject = AlertMessageBuilder.Subject(lb, report, [new CoveredObject(Bucket, Key(), "e")]);

        Assert.True(subject.Length < 100);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("ALB 502: ", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_QueryStrings_AreRemovedFromTheMessage()
    {
        var message = AlertMessageBuilder.Build(Lb, Report(Line("502 502")), [new CoveredObject(Bucket, Key(), "e")], null);

        Assert.Contains("https://shop.example.com:443/cart", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("session=abc", message.Body, StringComparison.Ordinal);
    }
}
