using System.Globalization;
using System.IO.Compression;
using System.Text;
using AlbLogLambda.Core.Generation;
using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Tests.Parsing;

namespace AlbLogLambda.Core.Tests.Generation;

/// <summary>The committed files under tests/Fixtures/logs/ are what their recipes produce and pin what they claim.</summary>
public class CommittedFixtureTests
{
    private static byte[] Committed(string name) => File.ReadAllBytes(Path.Combine(FixtureFiles.CopiedLogs, name));

    [Fact]
    public void Sample_CommittedFile_EqualsGeneratorOutput()
    {
        Assert.Equal(FixtureFiles.Sample(out _), Committed(AlbLogSample.FileName));
    }

    [Fact]
    public void Sample_DecompressedText_EqualsPlainGeneratorOutput()
    {
        using var plain = new MemoryStream();
        AlbLogGenerator.WritePlain(plain, AlbLogSample.Options);

        Assert.Equal(plain.ToArray(), AlbLogGeneratorTests.Gunzip(Committed(AlbLogSample.FileName)));
    }

    [Fact]
    public void Sample_Shape_IsSmallThreeMemberFileWithEveryCauseAndHypothesis()
    {
        byte[] gzip = Committed(AlbLogSample.FileName);
        FixtureFiles.Sample(out var stats);
        var lines = AlbLogGeneratorTests.Lines(AlbLogGeneratorTests.Gunzip(gzip));

        Assert.True(gzip.Length < 150_000, $"{gzip.Length} bytes");
        Assert.Equal(3, stats.GzipMembers);
        Assert.Equal(1101, lines.Count);
        var counted = SignatureCounter.Count502(lines);
        Assert.Equal(stats.By502CauseAndHypothesis.OrderBy(p => p.Key.ToString()), counted.OrderBy(p => p.Key.ToString()));
        foreach (var kind in Enum.GetValues<GeneratedLineKind>())
        {
            Assert.True(stats.ByKind[kind] >= 5, kind.ToString());
        }
        Assert.Equal(new SortedDictionary<int, long> { [29] = 1, [33] = 1098, [36] = 1 }, stats.ByFieldCount);
        Assert.All([500, 503, 504, 460], status => Assert.True(stats.ByElbStatusCode[status] >= 10));
    }

    [Fact]
    public void MultiMember_CommittedFile_IsThreeMembersOfFourLines()
    {
        byte[] gzip = Committed(AlbLogSample.MultiMemberFileName);
        byte[] expected = FixtureFiles.MultiMember(out var stats);

        Assert.Equal(expected, gzip);
        Assert.Equal([4, 4, 4], MemberLineCounts(gzip, stats));
        Assert.Equal(12, AlbLogGeneratorTests.Lines(AlbLogGeneratorTests.Gunzip(gzip)).Count);
        Assert.Equal(4, stats.Http502);
    }

    [Fact]
    public void Truncated_CommittedFile_IsSampleCutInsideSecondMember()
    {
        byte[] truncated = Committed(FixtureFiles.TruncatedFileName);
        byte[] sample = Committed(AlbLogSample.FileName);
        FixtureFiles.Sample(out var stats);

        Assert.Equal(FixtureFiles.Truncated(), truncated);
        Assert.True(truncated.Length > stats.GzipMemberLengths[0]);
        Assert.True(truncated.Length < stats.GzipMemberLengths[0] + stats.GzipMemberLengths[1]);
        Assert.Equal(sample[..truncated.Length], truncated);
    }

    [Fact]
    public void Truncated_DecodingToTheEnd_FailsOrStopsShortOfTheSample()
    {
        // .NET's GZipStream may end quietly at a truncated member instead of throwing: the file pins that
        // the reader must notice, so here only "never the full sample" is asserted.
        byte[] truncated = Committed(FixtureFiles.TruncatedFileName);
        int lines = -1;
        try
        {
            lines = AlbLogGeneratorTests.Lines(AlbLogGeneratorTests.Gunzip(truncated)).Count;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
        }
        Assert.True(lines < 800, $"{lines} lines decoded");
    }

    [Fact]
    public void Corrupt_CommittedFile_FailsToDecode()
    {
        byte[] corrupt = Committed(FixtureFiles.CorruptFileName);
        byte[] original = Committed(AlbLogSample.MultiMemberFileName);
        FixtureFiles.MultiMember(out var stats);

        Assert.Equal(FixtureFiles.Corrupt(), corrupt);
        Assert.Equal(original.Length, corrupt.Length);
        Assert.Single(Enumerable.Range(0, corrupt.Length), i => corrupt[i] != original[i]);
        Assert.True(FixtureFiles.CorruptOffset(stats) > 10, "the flipped byte is past the gzip header");
        Assert.Throws<InvalidDataException>(() => AlbLogGeneratorTests.Gunzip(corrupt));
    }

    [Fact]
    public void NotALog_CommittedFile_IsBinaryWithNulBytes()
    {
        byte[] bytes = Committed(FixtureFiles.NotALogFileName);

        Assert.Equal(FixtureFiles.NotALog(), bytes);
        Assert.Contains((byte)0, bytes);
        Assert.NotEqual(0x1f, bytes[0]);
    }

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

        var actual = Directory.GetFiles(Path.Combine(FixtureFiles.CopiedLogs, "shapes")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    private static List<string> ShapeLines(string file)
    {
        string text = File.ReadAllText(Path.Combine(FixtureFiles.CopiedLogs, "shapes", file), Encoding.UTF8);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static List<int> MemberLineCounts(byte[] gzip, GenerationStats stats)
    {
        var counts = new List<int>();
        int offset = 0;
        foreach (long length in stats.GzipMemberLengths)
        {
            using var member = new GZipStream(new MemoryStream(gzip, offset, (int)length), CompressionMode.Decompress);
            using var reader = new StreamReader(member);
            counts.Add(reader.ReadToEnd().Count(c => c == '\n'));
            offset += (int)length;
        }
        return counts;
    }
}
