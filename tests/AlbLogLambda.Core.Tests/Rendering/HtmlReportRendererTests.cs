using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;
using static AlbLogLambda.Core.Tests.TestLines;

namespace AlbLogLambda.Core.Tests.Rendering;

public class HtmlReportRendererTests
{
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private static AnalysisReport SampleReport()
    {
        using var session = new AnalysisSession();
        using var file = File.OpenRead(FixturePath("logs", SampleName));
        session.Analyze(SampleName, file);
        return session.BuildReport();
    }

    [Fact]
    public void Render_CommittedSample_NamesEveryCauseWithItsCountAndRemedy()
    {
        var report = SampleReport();

        var html = HtmlReportRenderer.Render(report);

        Assert.NotEmpty(report.Causes);
        foreach (var cause in report.Causes)
        {
            Assert.Contains($"{cause.Info.Id}: {cause.Count.ToString("N0", CultureInfo.InvariantCulture)}</h3>", html, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(cause.Info.Remedy), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_CommittedSample_TimelineBarsOfEachCauseSumToItsCount()
    {
        var report = SampleReport();

        var html = HtmlReportRenderer.Render(report);

        // Each bar carries its cause, minute and count as a tooltip: the chart's numbers, read back from the page.
        var bars = Regex.Matches(html, @"<rect [^>]*><title>([a-z0-9-]+) (\d{4}-\d\d-\d\dT\d\d:\d\dZ): ([\d,]+)</title></rect>")
            .Select(m => (Cause: m.Groups[1].Value, Count: long.Parse(m.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)))
            .GroupBy(b => b.Cause).ToDictionary(g => g.Key, g => g.Sum(b => b.Count));
        var expected = report.Causes.Where(c => c.Info.Cause != AlbLogLambda.Core.Classification.Http502Cause.FixedResponse)
            .ToDictionary(c => c.Info.Id, c => c.Count);
        Assert.Equal(expected.OrderBy(kv => kv.Key), bars.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Render_CommittedSample_ReferencesNothingOutsideThePage()
    {
        var html = HtmlReportRenderer.Render(SampleReport());

        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?\s*(https?:|//)", html);
        Assert.DoesNotMatch(@"url\(", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QueryStrings_AreRemovedUnlessAskedFor()
    {
        using var session = new AnalysisSession();
        session.Analyze("x.log", new MemoryStream(Utf8(Line(status: "502 502", request: "GET https://shop.example.com:443/cart?session=SECRET HTTP/1.1") + "\n")));
        var report = session.BuildReport();

        Assert.DoesNotContain("SECRET", HtmlReportRenderer.Render(report), StringComparison.Ordinal);
        Assert.Contains("session=SECRET", HtmlReportRenderer.Render(report, new HtmlReportOptions { ShowQuery = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileTextInTheLog_StaysInertText()
    {
        using var session = new AnalysisSession();
        var hostile = "GET https://h.example.com:443/<script>alert(1)</script>\u001b]0;owned\u0007 HTTP/1.1";
        session.Analyze("x.log", new MemoryStream(Utf8(Line(status: "502 502", request: hostile) + "\n")));

        var html = HtmlReportRenderer.Render(session.BuildReport());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', html);
        Assert.DoesNotContain('\u0007', html);
        Assert.Contains("\\x1B]0;owned\\x07", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CommittedSample_IsWellFormedMarkup()
    {
        var html = HtmlReportRenderer.Render(SampleReport());

        // Written as well-formed XML (every element closed), so that it parses the same in every browser and mail client.
        var document = XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal).Replace("&nbsp;", "&#160;", StringComparison.Ordinal)
            .Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", StringComparison.Ordinal)
            .Replace("initial-scale=1\">", "initial-scale=1\"/>", StringComparison.Ordinal));
        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Equal(6, document.Descendants("section").Count());
        var path = Path.Combine(AppContext.BaseDirectory, "sample-report.html");
        File.WriteAllText(path, html);
    }

    [Fact]
    public void Render_ContextLines_Show503And504PerMinute()
    {
        using var session = new AnalysisSession();
        string lines = Line(status: "502 502") + "\n" + Line(status: "503 -", target: "-", times: "-1 -1 -1") + "\n"
            + Line(status: "504 -", time: "2026-11-24T10:04:12.123456Z", times: "0.001 -1 -1") + "\n";
        session.Analyze("x.log", new MemoryStream(Utf8(lines)));
        var report = session.BuildReport();

        var html = HtmlReportRenderer.Render(report);

        Assert.Equal(["503", "504"], report.ContextTimelines.Select(t => t.Status));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 4, 0, TimeSpan.Zero), report.ContextTimelines[1].Minutes.Single().Minute);
        Assert.Contains("<title>HTTP 503 per minute</title>", html, StringComparison.Ordinal);
        Assert.Contains("dotted line: HTTP 504 1", html, StringComparison.Ordinal);
    }
}
