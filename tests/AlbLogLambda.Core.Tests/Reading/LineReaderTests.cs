using System.Text;
using AlbLogLambda.Core.Reading;
using CsCheck;

namespace AlbLogLambda.Core.Tests.Reading;

public class LineReaderTests
{
    private static List<string> ReadAll(string text, int maxLineBytes = 1 << 20, int bufferBytes = 256 * 1024)
    {
        using var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes, bufferBytes);
        var lines = new List<string>();
        while (true)
        {
            var result = reader.Read(out var line);
            if (result == LineReadResult.End) return lines;
            lines.Add(result == LineReadResult.TooLong ? "<too long>" : Encoding.UTF8.GetString(line));
        }
    }

    [Fact]
    public void Read_FinalLineWithoutNewline_IsStillALine()
    {
        Assert.Equal(["a b", "c d"], ReadAll("a b\nc d"));
    }

    [Fact]
    public void Read_CrLfEndings_AreStripped()
    {
        Assert.Equal(["one", "two", ""], ReadAll("one\r\ntwo\r\n\r\n"));
    }

    [Fact]
    public void Read_LineLongerThanCap_IsReportedTooLongAndReadingContinues()
    {
        var text = "short\n" + new string('x', 5000) + "\nafter\n" + new string('y', 100) + "\n";

        Assert.Equal(["short", "<too long>", "after", new string('y', 100)], ReadAll(text, maxLineBytes: 1000, bufferBytes: 64));
    }

    [Fact]
    public void Read_HugeLineWithoutNewline_NeverBuffersPastTheCap()
    {
        // 64 MiB of one line with a 1 KiB cap: the reader must skip it without growing.
        var huge = new RepeatingStream((byte)'z', 64 << 20, "\nnext\n"u8.ToArray());
        using var reader = new LineReader(huge, maxLineBytes: 1024, bufferBytes: 512);

        Assert.Equal(LineReadResult.TooLong, reader.Read(out _));
        Assert.Equal(LineReadResult.Line, reader.Read(out var next));
        Assert.Equal("next", Encoding.UTF8.GetString(next));
        Assert.Equal(2, reader.LineNumber);
        Assert.Equal(LineReadResult.End, reader.Read(out _));
    }

    [Fact]
    public void Read_LineExactlyAtTheCap_IsALine()
    {
        var line = new string('a', 100);
        Assert.Equal([line, "b"], ReadAll(line + "\r\nb", maxLineBytes: 100, bufferBytes: 16));
    }

    [Fact]
    public void Read_NulBytesAtTheStart_AreRejectedAsBinary()
    {
        var bytes = new byte[] { 0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10 };
        using var reader = new LineReader(new MemoryStream(bytes));

        var error = Assert.Throws<LogDataException>(() => reader.Read(out _));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnySplitOfAnyText_MatchesASimpleSplit()
    {
        Gen.Select(Gen.String[Gen.Char["ab \r\n"], 0, 300], Gen.Int[16, 80], Gen.Int[16, 40])
            .Sample((text, cap, buffer) =>
            {
                var expected = new List<string>();
                var parts = text.Split('\n');
                for (int i = 0; i < parts.Length; i++)
                {
                    if (i == parts.Length - 1 && parts[i].Length == 0) break;
                    var line = parts[i].EndsWith('\r') ? parts[i][..^1] : parts[i];
                    expected.Add(Encoding.UTF8.GetByteCount(line) > cap ? "<too long>" : line);
                }
                Assert.Equal(expected, ReadAll(text, cap, buffer));
            }, iter: 2000, seed: "0N0XIzNsQ0O2");
    }

    /// <summary>A stream of <paramref name="length"/> copies of one byte, then a tail; nothing held in memory.</summary>
    private sealed class RepeatingStream(byte value, long length, byte[] tail) : ReadOnlyStream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position < length)
            {
                int n = (int)Math.Min(buffer.Length, length - _position);
                buffer[..n].Fill(value);
                _position += n;
                return n;
            }
            long tailOffset = _position - length;
            int t = (int)Math.Min(buffer.Length, tail.Length - tailOffset);
            if (t <= 0) return 0;
            tail.AsSpan((int)tailOffset, t).CopyTo(buffer);
            _position += t;
            return t;
        }
    }
}
