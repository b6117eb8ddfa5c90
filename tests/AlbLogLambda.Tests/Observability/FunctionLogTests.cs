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
}
