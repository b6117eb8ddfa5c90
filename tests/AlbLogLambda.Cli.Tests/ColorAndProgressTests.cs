using System.Text;
using System.Text.Json;

namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// Colour goes to a terminal only (or with --color always), never when piped or with NO_COLOR under auto, and it
/// changes no character of the report; progress goes to standard error only when that is a terminal.
/// </summary>
public sealed class ColorAndProgressTests
{
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private static string Sample => CliRunner.Fixture("logs", SampleName);

    private static (int Exit, string Out, string Error) Run(string[] args, bool outIsTerminal = false, bool errorIsTerminal = false, string? noColor = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, () => new MemoryStream(), () => new MemoryStream())
        {
            OutIsTerminal = outIsTerminal,
            ErrorIsTerminal = errorIsTerminal,
            Environment = name => name == "NO_COLOR" ? noColor : null,
        };
        int exit = Program.Run(args, console);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Analyze_OnATerminal_ColoursHeadingsConfidenceAndCountsWithoutChangingTheText()
    {
        var plain = Run(["analyze", Sample]).Out;
        var coloured = Run(["analyze", Sample], outIsTerminal: true).Out;

        Assert.DoesNotContain('\e', plain);
        Assert.Equal(plain, TextReportColorizer.Strip(coloured));
        Assert.Contains($"{TextReportColorizer.Bold}HTTP 502 triage: 126 errors", coloured, StringComparison.Ordinal);
        Assert.Contains($"1. {TextReportColorizer.BoldCyan}target-closed-connection: 35{TextReportColorizer.Reset}", coloured, StringComparison.Ordinal);
        Assert.Contains($"confidence {TextReportColorizer.Yellow}medium{TextReportColorizer.Reset}", coloured, StringComparison.Ordinal);
        Assert.Contains($"confidence {TextReportColorizer.Green}high{TextReportColorizer.Reset}", coloured, StringComparison.Ordinal);
        Assert.Contains($"Hypothesis {TextReportColorizer.Cyan}keep-alive-race{TextReportColorizer.Reset}: {TextReportColorizer.Bold}24{TextReportColorizer.Reset}", coloured, StringComparison.Ordinal);
        Assert.Contains($"{TextReportColorizer.Bold}Causes, most frequent first{TextReportColorizer.Reset}", coloured, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null, "auto", false)]
    [InlineData(true, null, "auto", true)]
    [InlineData(true, "1", "auto", false)]
    [InlineData(true, "", "auto", true)]
    [InlineData(true, null, "never", false)]
    [InlineData(false, null, "always", true)]
    [InlineData(true, "1", "always", true)]
    public void Analyze_ColorMode_IsHonoured(bool terminal, string? noColor, string mode, bool expectColour)
    {
        var result = Run(["analyze", Sample, "--color", mode], outIsTerminal: terminal, noColor: noColor);

        Assert.Equal(0, result.Exit);
        Assert.Equal(expectColour, result.Out.Contains('\e', StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_JsonOnATerminal_IsNeverColoured()
    {
        var stdout = new MemoryStream();
        var console = new CliConsole(new StringWriter(), new StringWriter(), () => new MemoryStream(), () => new NonClosing(stdout)) { OutIsTerminal = true };

        Assert.Equal(0, Program.Run(["analyze", Sample, "--format", "json", "--color", "always"], console));
        Assert.DoesNotContain((byte)0x1b, stdout.ToArray());
        JsonDocument.Parse(stdout.ToArray()).Dispose();
    }

    [Fact]
    public void Analyze_StandardErrorATerminal_DrawsObjectsAndBytesDone()
    {
        var dir = Directory.CreateTempSubdirectory("alblog-progress-").FullName;
        try
        {
            for (int i = 0; i < 3; i++) File.Copy(Sample, Path.Combine(dir, $"{i}-{SampleName}"));

            var shown = Run(["analyze", dir], errorIsTerminal: true);
            var piped = Run(["analyze", dir], errorIsTerminal: false);

            Assert.Equal(0, shown.Exit);
            Assert.Contains("\r3/3 objects (100%), ", shown.Error, StringComparison.Ordinal);
            Assert.Contains($"{ReplayFormat(new FileInfo(Sample).Length * 3)}/{ReplayFormat(new FileInfo(Sample).Length * 3)}", shown.Error, StringComparison.Ordinal);
            Assert.Equal("", piped.Error);
            Assert.Equal(piped.Out, shown.Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Colorize_EveryLineShape_RoundTripsThroughStrip()
    {
        var text = new StringBuilder()
            .Append("HTTP 502 triage: 1 error\n\nCauses, most frequent first\n\n")
            .Append("12. lambda-error: 1,234 (origin load-balancer, confidence low)\n")
            .Append("   Hypothesis tls-handshake: 6 (confidence low), alternative intermittent\n")
            .Append("   Hypothesis odd\n3. not a heading\n").ToString();

        var coloured = TextReportColorizer.Colorize(text);

        Assert.Equal(text, TextReportColorizer.Strip(coloured));
        Assert.Contains($"12. {TextReportColorizer.BoldCyan}lambda-error: 1,234{TextReportColorizer.Reset}", coloured, StringComparison.Ordinal);
        Assert.Contains($"confidence {TextReportColorizer.Dim}low{TextReportColorizer.Reset}), alternative", coloured, StringComparison.Ordinal);
        Assert.Contains("3. not a heading\n", coloured, StringComparison.Ordinal);
    }

    private static string ReplayFormat(long bytes) => AlbLogLambda.Cli.Replay.ReplayProgress.Bytes(bytes);

    private sealed class NonClosing(Stream inner) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
