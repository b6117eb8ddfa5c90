using System.Text;
using AlbLogLambda.Cli.Commands;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Cli.Tests;

/// <summary>The dry-run alert printed on a terminal: nothing from a key or a log reaches it raw.</summary>
public sealed class PrintedSummaryPublisherTests
{
    [Theory]
    [InlineData("\u001b[2J")]
    [InlineData("\u001b]0;owned\u0007")]
    [InlineData("\u0007")]
    [InlineData("\r")]
    [InlineData("\u000b")]
    [InlineData("\u000c")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u009b")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public async Task PublishAsync_ControlCharactersInTheLoadBalancerAndTheLog_NeverReachTheTerminalRaw(string hostile)
    {
        var loadBalancer = $"app/my{hostile}alb/50dc6c495c0c9188";
        var line = "http 2026-11-24T10:03:12.123456Z " + loadBalancer + " 198.51.100.7:51234 10.0.1.12:8080 0.001 0.012 0.000 502 502 120 560 "
            + "\"GET http://www.example.com:80/orders HTTP/1.1\" \"curl" + hostile + "\" - - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067 "
            + "\"Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5\" \"-\" \"-\" 0 2026-11-24T10:03:12.110000Z \"forward\" \"-\" \"-\" \"10.0.1.12:8080\" \"502\" \"-\" \"-\" TID_x\n";
        using var session = new AnalysisSession();
        session.Analyze("x.log", new MemoryStream(Encoding.UTF8.GetBytes(line)));
        var key = $"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.my{hostile}alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";
        var summary = new LoadBalancerSummary(loadBalancer, session.BuildReport(), [new LogObjectRef("alb-logs", key, "e")], ObjectsToRetry: 0);
        using var terminal = new StringWriter();

        await new PrintedSummaryPublisher(terminal).PublishAsync(summary, CancellationToken.None);

        var printed = terminal.ToString();
        Assert.Contains("Attributes: loadBalancer=app/my" + InertText.Escape(hostile) + "alb/50dc6c495c0c9188", printed, StringComparison.Ordinal);
        var controls = hostile.Where(c => char.IsControl(c) || c is '\u2028' or '\u2029').ToArray();
        Assert.NotEmpty(controls);
        Assert.DoesNotContain(printed, c => controls.Contains(c));
    }
}
