using System.Text;
using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Core.Tests.Reading;

public class GzipIntegrityStreamTests
{
    private static readonly string s_first = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"first member line {i} {i * 7919 % 104729}\n"));
    private static readonly string s_second = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"second member line {i}\n"));

    private static string Decode(byte[] compressed)
    {
        using var gzip = new GzipIntegrityStream(new MemoryStream(compressed));
        using var reader = new StreamReader(gzip, Encoding.UTF8, false, 4096);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Read_MultiMemberGzip_DecodesEveryMember()
    {
        var compressed = TestLines.Gzip(s_first).Concat(TestLines.Gzip(s_second)).Concat(TestLines.Gzip("third\n")).ToArray();

        Assert.Equal(s_first + s_second + "third\n", Decode(compressed));
    }

    [Fact]
    public void Read_EmptyMember_DecodesToNothing()
    {
        Assert.Equal("", Decode(TestLines.Gzip("")));
    }

    [Fact]
    public void Read_InputCutAnywhereInsideAMember_ReportsTruncationOrCorruption()
    {
        var first = TestLines.Gzip(s_first);
        var second = TestLines.Gzip(s_second);
        var whole = first.Concat(second).ToArray();
        // Cut points across both members: inside headers, deflate data, trailers. Only the member boundary
        // itself (a valid shorter file) and the full length decode cleanly.
        var cuts = new[] { 1, 2, 5, 9, 10, 11, 50, first.Length / 3, first.Length / 2, first.Length - 8, first.Length - 5, first.Length - 1,
            first.Length + 1, first.Length + 4, first.Length + 10, first.Length + (second.Length / 2), whole.Length - 4, whole.Length - 1 };
        foreach (int cut in cuts)
        {
            var error = Assert.Throws<LogDataException>(() => Decode(whole[..cut]));
            Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(s_first, Decode(whole[..first.Length]));
        Assert.Equal(s_first + s_second, Decode(whole));
    }

    [Fact]
    public void Read_FlippedByteInDeflateData_ReportsCorruption()
    {
        var compressed = TestLines.Gzip(s_first);
        compressed[compressed.Length / 2] ^= 0x5A;

        Assert.Throws<LogDataException>(() => Decode(compressed));
    }

    [Fact]
    public void Read_TrailingGarbageAfterLastMember_IsReportedNotIgnored()
    {
        var compressed = TestLines.Gzip(s_second).Concat(new byte[] { 0, 0, 0, 0, 1, 2, 3 }).ToArray();

        Assert.Throws<LogDataException>(() => Decode(compressed));
    }

    [Fact]
    public void Read_CrcMismatchInTrailer_ReportsCorruption()
    {
        var compressed = TestLines.Gzip(s_second);
        compressed[^8] ^= 0xFF;

        Assert.Throws<LogDataException>(() => Decode(compressed));
    }

    private static string ReasonFor(byte[] damaged) => Assert.Throws<LogDataException>(() => Decode(damaged)).Message;

    private static byte[] Damaged(byte[] gzip, int at, byte xor)
    {
        var copy = (byte[])gzip.Clone();
        copy[at < 0 ? copy.Length + at : at] ^= xor;
        return copy;
    }

    public static TheoryData<string, string> Sizes => new() { { "small", "one input chunk" }, { "large", "many input chunks" } };

    private static byte[] Member(string size) => TestLines.Gzip(size == "small" ? s_second : s_first);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Read_CrcInTrailerDamaged_SaysCrcMismatch(string size, string why)
    {
        var gzip = Member(size);

        foreach (var damaged in new[] { Damaged(gzip, -8, 0xFF), Damaged(gzip, -5, 0x01) })
        {
            var reason = ReasonFor(damaged);

            Assert.StartsWith("gzip CRC mismatch", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("unsupported", reason, StringComparison.Ordinal);
            Assert.Contains($"at compressed byte {gzip.Length - 8:N0}", reason, StringComparison.Ordinal);
        }
        Assert.NotEmpty(why);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Read_LengthInTrailerDamaged_SaysLengthMismatch(string size, string why)
    {
        var gzip = Member(size);

        foreach (var damaged in new[] { Damaged(gzip, -1, 0x01), Damaged(gzip, -4, 0x01) })
        {
            var reason = ReasonFor(damaged);

            Assert.StartsWith("gzip length mismatch", reason, StringComparison.Ordinal);
            Assert.Contains("ISIZE", reason, StringComparison.Ordinal);
        }
        Assert.NotEmpty(why);
    }

    [Fact]
    public void Read_TrailerDamagedInTheFirstOfTwoMembers_NamesWhichCheckFailed()
    {
        var first = TestLines.Gzip(s_second);
        var second = TestLines.Gzip("third\n");

        Assert.StartsWith("gzip CRC mismatch", ReasonFor([.. Damaged(first, -8, 0x10), .. second]), StringComparison.Ordinal);
        Assert.StartsWith("gzip length mismatch", ReasonFor([.. Damaged(first, -2, 0x10), .. second]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, "no trailer")]
    [InlineData(4, "half a trailer")]
    [InlineData(1, "all but one byte of the trailer")]
    public void Read_TrailerMissing_SaysTruncated(int cut, string what)
    {
        var gzip = TestLines.Gzip(s_first);

        var reason = ReasonFor(gzip[..^cut]);

        Assert.StartsWith("gzip data is truncated", reason, StringComparison.Ordinal);
        Assert.Contains("trailer", reason, StringComparison.Ordinal);
        Assert.Contains($"at compressed byte {gzip.Length - cut:N0}", reason, StringComparison.Ordinal);
        Assert.NotEmpty(what);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'j', (byte)'u', (byte)'n', (byte)'k', (byte)'\n' })]
    [InlineData(new byte[] { 0x1f, 0x00 })]
    public void Read_DataAfterTheLastMember_SaysSo_NotTruncated(byte[] garbage)
    {
        var gzip = TestLines.Gzip(s_first);

        var reason = ReasonFor([.. gzip, .. garbage]);

        Assert.StartsWith("data after the last gzip member", reason, StringComparison.Ordinal);
        Assert.Contains($"from compressed byte {gzip.Length:N0}", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MethodOtherThanDeflate_SaysUnsupportedMethod_AndReservedFlagsSayInvalidHeader()
    {
        var gzip = TestLines.Gzip(s_second);
        var method = (byte[])gzip.Clone();
        method[2] = 7;
        var flags = (byte[])gzip.Clone();
        flags[3] = 0xE0;

        Assert.StartsWith("unsupported gzip compression method 7 in the gzip member header at compressed byte 0", ReasonFor(method), StringComparison.Ordinal);
        Assert.StartsWith("invalid gzip member header at compressed byte 0: its flags (0xE0)", ReasonFor(flags), StringComparison.Ordinal);
        // A second member with another method, after a good one.
        Assert.StartsWith($"unsupported gzip compression method 0 in the gzip member header at compressed byte {gzip.Length:N0}",
            ReasonFor([.. gzip, 0x1f, 0x8b, 0, 0, 1, 2, 3]), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InputCutInsideTheDeflateData_SaysTruncated_AndNeverUnsupportedMethod()
    {
        var gzip = TestLines.Gzip(s_first);

        foreach (int cut in new[] { 11, 100, gzip.Length / 3, gzip.Length / 2, gzip.Length - 9 })
        {
            var reason = ReasonFor(gzip[..cut]);

            Assert.StartsWith("gzip data is truncated", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("unsupported", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_SmallCallerBuffers_DeliverEveryByteOnce()
    {
        var compressed = TestLines.Gzip(s_second);
        using var gzip = new GzipIntegrityStream(new MemoryStream(compressed));
        var output = new MemoryStream();
        var buffer = new byte[5];
        int n;
        while ((n = gzip.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, n);

        Assert.Equal(s_second, Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(Encoding.UTF8.GetByteCount(s_second), gzip.DecodedBytes);
        Assert.Equal(compressed.Length, gzip.CompressedBytes);
    }
}
