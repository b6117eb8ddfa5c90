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
