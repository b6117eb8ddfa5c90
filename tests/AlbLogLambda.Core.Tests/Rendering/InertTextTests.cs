using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Rendering;

public class InertTextTests
{
    /// <summary>Each hostile sequence, and the visible escape it must become.</summary>
    public static TheoryData<string, string> Hostile => new()
    {
        { "\u001b[2J", "\\x1B[2J" },                       // ESC: clear the screen
        { "\u001b]0;owned\u0007", "\\x1B]0;owned\\x07" },  // OSC: retitle the terminal, ended by BEL
        { "\u0007", "\\x07" },                             // BEL
        { "\r", "\\x0D" },                                 // CR: overwrite the line
        { "\u000b", "\\x0B" },                             // VT
        { "\u000c", "\\x0C" },                             // FF
        { "\u0085", "\\x85" },                             // NEL (C1)
        { "\u2028", "\\u2028" },                           // line separator
    };

    private static bool IsControl(char c) => c < 0x20 && c != '\n' || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029';

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Escape_EachControlCharacter_BecomesAVisibleEscape(string hostile, string escaped)
    {
        Assert.Equal("a" + escaped + "b", InertText.Escape("a" + hostile + "b"));
    }

    [Fact]
    public void Escape_EveryC0C1AndDel_IsEscaped_AndOrdinaryTextIsTheSameInstance()
    {
        var all = string.Concat(Enumerable.Range(0, 0xA0).Select(c => (char)c)) + "\u2028\u2029";
        var escaped = InertText.Escape(all);

        Assert.DoesNotContain(escaped, IsControl);
        Assert.DoesNotContain('\n', escaped);
        Assert.Contains("\\x00", escaped, StringComparison.Ordinal);
        Assert.Contains("\\x0A", escaped, StringComparison.Ordinal);
        Assert.Contains("\\x7F", escaped, StringComparison.Ordinal);
        Assert.Contains("\\x9F", escaped, StringComparison.Ordinal);
        Assert.Contains("\\u2029", escaped, StringComparison.Ordinal);
        const string Ordinary = "Mozilla/5.0 (X11; Linux) ü 10.0.1.12:8080";
        Assert.Same(Ordinary, InertText.Escape(Ordinary));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void TextReport_ControlCharactersInLogValues_AreEscapedInEveryPlace_AndJsonKeepsThem(string hostile, string escaped)
    {
        string elb = "app/my-alb" + hostile + "/50dc6c495c0c9188";
        string target = "10.0.1.12:8080" + hostile;
        string group = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web" + hostile + "/73e2d6bc24d8a067";
        string entry = TestLines.Line(elb: elb, target: target, targetGroup: group, times: "0.001 0.004 -1", status: "502 -")
            .Replace("\"curl/8.4.0\"", "\"curl/8.4.0 " + hostile + "\"", StringComparison.Ordinal);
        string malformed = "not an entry " + hostile + " end";
        string source = "logs/odd" + hostile + ".log";
        using var session = new AnalysisSession();
        var outcome = session.Analyze(source, new MemoryStream(Encoding.UTF8.GetBytes(entry + "\n" + malformed + "\n")));
        var report = session.BuildReport();

        var text = TextReportRenderer.Render(report);

        Assert.Equal((1L, 1L), (outcome.Entries, outcome.Malformed));
        Assert.DoesNotContain(text, IsControl);
        // Each place a log value is printed shows the escape: load balancer, cause targets and worst targets,
        // target group, the sample (user agent), the object name, the malformed sample.
        Assert.Contains("Load balancer: app/my-alb" + escaped + "/", text, StringComparison.Ordinal);
        Assert.Contains("Targets: 10.0.1.12:8080" + escaped + " (1)", text, StringComparison.Ordinal);
        Assert.Contains("  10.0.1.12:8080" + escaped + ": 1 of 1", text, StringComparison.Ordinal);
        Assert.Contains("target group web" + escaped, text, StringComparison.Ordinal);
        Assert.Contains("curl/8.4.0 " + escaped + "\"", text, StringComparison.Ordinal);
        Assert.Contains("odd" + escaped + ".log: 1 entries", text, StringComparison.Ordinal);
        Assert.Contains("odd" + escaped + ".log line 2", text, StringComparison.Ordinal);
        Assert.Contains("not an entry " + escaped + " end", text, StringComparison.Ordinal);

        // JSON is still valid JSON and carries the value itself (its writer escapes it).
        var json = new MemoryStream();
        JsonReportWriter.Write(json, report);
        var root = JsonDocument.Parse(json.ToArray()).RootElement;
        Assert.Equal(target, root.GetProperty("targets")[0].GetProperty("target").GetString());
        Assert.Equal(source, root.GetProperty("objects")[0].GetProperty("source").GetString());
        Assert.DoesNotContain(Encoding.UTF8.GetString(json.ToArray()), IsControl);
    }
}
