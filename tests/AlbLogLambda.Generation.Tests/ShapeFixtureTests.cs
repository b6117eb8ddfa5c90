using System.Globalization;
using System.Text;

using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Tests.Parsing;

namespace AlbLogLambda.Generation.Tests;

/// <summary>
/// The hand-written files under tests/Fixtures/logs/shapes/ are what their names say, read with the independent
/// <see cref="ReferenceSplitter"/> (not the product's parser): ALB access lines with the documented field counts, and
/// other log kinds that fail one of the ALB guards.
/// </summary>
public class ShapeFixtureTests
{
    [Theory]
    [InlineData("http-200.log", 33)]
    [InlineData("https-tls.log", 33)]
    [InlineData("h2.log", 33)]
    [InlineData("grpcs.log", 33)]
    [InlineData("ws-101.log", 33)]
    [InlineData("wss-101.log", 33)]
    [InlineData("lambda-200.log", 33)]
    [InlineData("lambda-invalid-response-502.log", 33)]
    [InlineData("malformed-request-400.log", 33)]
    [InlineData("malformed-request-host-only.log", 33)]
    [InlineData("request-trailing-space.log", 33)]
    [InlineData("request-space-in-uri.log", 33)]
    [InlineData("ipv6-unbracketed.log", 33)]
    [InlineData("ipv6-bracketed.log", 33)]
    [InlineData("fields-25.log", 25)]
    [InlineData("fields-29.log", 29)]
    [InlineData("fields-30.log", 30)]
    [InlineData("fields-33.log", 33)]
    [InlineData("extra-unknown-fields.log", 36)]
    [InlineData("escaped-quote-user-agent.log", 33)]
    [InlineData("quoted-runs-into-next.log", 33)]
    [InlineData("empty-actions-executed.log", 33)]
    [InlineData("redirect-302.log", 33)]
    [InlineData("waf-403.log", 33)]
    [InlineData("fixed-response-502.log", 33)]
    [InlineData("target-reset-502.log", 33)]
    [InlineData("keep-alive-race-502.log", 33)]
    [InlineData("target-returned-502.log", 33)]
    public void Shape_AlbAccessLine_HasExpectedFieldCountAndAlbGuards(string file, int fields)
    {
        var lines = ShapeLines(file);

        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            var f = ReferenceSplitter.Split(line);
            Assert.Equal(fields, f.Count);
            Assert.Contains(f.At(AlbLogField.Type), new[] { "http", "https", "h2", "grpcs", "ws", "wss" });
            Assert.True(DateTimeOffset.TryParse(f.At(AlbLogField.Time), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), f.At(AlbLogField.Time));
            Assert.StartsWith("app/", f.At(AlbLogField.Elb), StringComparison.Ordinal);
            Assert.True(DateTimeOffset.Parse(f.At(AlbLogField.RequestCreationTime), CultureInfo.InvariantCulture) <= DateTimeOffset.Parse(f.At(AlbLogField.Time), CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("health-check-line.log", 8)]
    [InlineData("connection-log-line.log", 15)]
    [InlineData("nlb-tls-line.log", 22)]
    [InlineData("classic-elb-line.log", 15)]
    [InlineData("elb-test-file.log", 7)]
    public void Shape_OtherLogKind_FailsAnAlbGuard(string file, int fields)
    {
        var f = ReferenceSplitter.Split(Assert.Single(ShapeLines(file)));

        Assert.Equal(fields, f.Count);
        bool looksLikeAlb = f.Count >= 3
            && f.At(AlbLogField.Type) is "http" or "https" or "h2" or "grpcs" or "ws" or "wss"
            && DateTimeOffset.TryParse(f.At(AlbLogField.Time), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            && f.At(AlbLogField.Elb).StartsWith("app/", StringComparison.Ordinal);
        Assert.False(looksLikeAlb);
    }

    [Fact]
    public void Shapes_Directory_HoldsExactlyTheDocumentedFiles()
    {
        var expected = new[]
        {
            "classic-elb-line.log", "connection-log-line.log", "elb-test-file.log", "empty-actions-executed.log",
            "escaped-quote-user-agent.log", "extra-unknown-fields.log", "fields-25.log", "fields-29.log", "fields-30.log",
            "fields-33.log", "fixed-response-502.log", "grpcs.log", "h2.log", "health-check-line.log", "http-200.log",
            "https-tls.log", "ipv6-bracketed.log", "ipv6-unbracketed.log", "keep-alive-race-502.log", "lambda-200.log",
            "lambda-invalid-response-502.log", "malformed-request-400.log", "malformed-request-host-only.log",
            "nlb-tls-line.log", "quoted-runs-into-next.log", "redirect-302.log", "request-space-in-uri.log",
            "request-trailing-space.log", "target-reset-502.log", "target-returned-502.log", "waf-403.log", "ws-101.log",
            "wss-101.log",
        };

        var actual = Directory.GetFiles(Path.Combine(FixturePaths.Logs, "shapes")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    private static List<string> ShapeLines(string file)
    {
        string text = File.ReadAllText(Path.Combine(FixturePaths.Logs, "shapes", file), Encoding.UTF8);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
