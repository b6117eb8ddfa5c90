using AlbLogLambda.Observability;
using Microsoft.Extensions.Time.Testing;

namespace AlbLogLambda.Tests.Observability;

public class FunctionLogTests
{
    [Fact]
    public void Write_OneJsonObjectPerLine_WithTimestampLevelMessageRequestIdAndProperties()
    {
        var output = new StringWriter();
        var log = new FunctionLog(output, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 6, 0, 123, TimeSpan.Zero))) { RequestId = "r-1" };

        log.Write("object", w =>
        {
            w.WriteString("key", "a\"b");
            w.WriteNumber("entries", 3);
        }, "WARN");

        Assert.Equal("""{"timestamp":"2026-11-24T10:06:00.1230000Z","level":"WARN","message":"object","requestId":"r-1","key":"a\u0022b","entries":3}""" + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void Write_WithoutRequestId_LeavesItOut()
    {
        var output = new StringWriter();
        var log = new FunctionLog(output, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 6, 0, TimeSpan.Zero)));

        log.Write("init", _ => { });

        Assert.Equal("""{"timestamp":"2026-11-24T10:06:00.0000000Z","level":"INFO","message":"init"}""" + Environment.NewLine, output.ToString());
    }

    [Theory]
    [InlineData("\u001b[2J")]
    [InlineData("\u001b]0;owned\u0007")]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\u000b")]
    [InlineData("\u000c")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u009b")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void Write_ControlCharactersInAValue_AreEscapedSoTheLineStaysOneInertJsonLine(string hostile)
    {
        var output = new StringWriter();
        var log = new FunctionLog(output, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 6, 0, TimeSpan.Zero)));
        var key = "AWSLogs/x" + hostile + ".log.gz";

        log.Write("object", w => w.WriteString("key", key));

        var line = output.ToString();
        Assert.Equal(line.Length - Environment.NewLine.Length, line.IndexOf(Environment.NewLine, StringComparison.Ordinal));
        var controls = hostile.Where(c => char.IsControl(c) || c is '\u2028' or '\u2029').ToArray();
        Assert.NotEmpty(controls);
        Assert.DoesNotContain(line.TrimEnd('\n'), c => controls.Contains(c));
        Assert.Equal(key, System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("key").GetString());
    }
}
