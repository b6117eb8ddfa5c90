using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Tests.Parsing;

namespace AlbLogLambda.Generation.Tests;

/// <summary>
/// The committed generated files under tests/Fixtures/logs/ hold what their recipes and the README say, checked by
/// content: the decoded text, the gzip members found in the file itself, the 502s counted by the independent
/// <see cref="SignatureCounter"/>. Compressed bytes are never compared with fresh output, because they depend on
/// the runtime's zlib-ng version.
/// </summary>
public class CommittedFixtureTests
{
    /// <summary>The sample's 502s per cause and hypothesis: its mix weights (README, "The sample's options").</summary>
    private static readonly Dictionary<GeneratedCauseKey, long> s_sample502s = new()
    {
        [new(GeneratedCause.TargetConnectionFailed, GeneratedCause.TargetDown)] = 12,
        [new(GeneratedCause.TargetConnectionFailed, GeneratedCause.Intermittent)] = 8,
        [new(GeneratedCause.TargetConnectionFailed, GeneratedCause.TlsHandshake)] = 6,
        [new(GeneratedCause.TargetConnectionFailed, GeneratedCause.TlsHandshakeTimeout)] = 5,
        // 16 keep-alive races and 8 mid-request closes spread over the group: the keep-alive race leads for both.
        [new(GeneratedCause.TargetClosedConnection, GeneratedCause.KeepAliveRace)] = 24,
        [new(GeneratedCause.TargetClosedConnection, GeneratedCause.LongRequestCut)] = 5,
        // All on one of the four grpc-orders targets while the other three serve.
        [new(GeneratedCause.TargetClosedConnection, GeneratedCause.TargetCrash)] = 6,
        [new(GeneratedCause.LambdaResponseTooLarge, null)] = 5,
        [new(GeneratedCause.LambdaUnhandled, null)] = 8,
        [new(GeneratedCause.LambdaThrottled, null)] = 6,
        [new(GeneratedCause.LambdaInvalidResponse, null)] = 6,
        [new(GeneratedCause.LambdaError, null)] = 6,
        [new(GeneratedCause.FixedResponse, null)] = 5,
        [new(GeneratedCause.LoadBalancerOther, null)] = 6,
        [new(GeneratedCause.TargetReturned502, null)] = 13,
        [new(GeneratedCause.TargetResponseInvalid, null)] = 5,
        [new(GeneratedCause.LambdaInternalError, null)] = 5,
    };

    /// <summary>The sample's entries per elb_status_code (README, "Per elb_status_code").</summary>
    private static readonly Dictionary<int, long> s_sampleStatuses = new()
    {
        [101] = 12,
        [200] = 667,
        [201] = 22,
        [204] = 36,
        [206] = 34,
        [301] = 30,
        [302] = 13,
        [304] = 17,
        [400] = 6,
        [401] = 14,
        [403] = 19,
        [404] = 40,
        [429] = 11,
        [460] = 12,
        [500] = 12,
        [502] = 131,
        [503] = 10,
        [504] = 14,
    };

    [Fact]
    public void Sample_Text_EqualsThePlainGeneratorOutput()
    {
        using var plain = new MemoryStream();
        AlbLogGenerator.WritePlain(plain, AlbLogSample.Options);

        Assert.Equal(plain.ToArray(), AlbLogGeneratorTests.Gunzip(FixturePaths.CommittedLog(AlbLogSample.FileName)));
    }

    [Fact]
    public void Sample_File_IsThreeMembersOf400_400And301Lines()
    {
        byte[] gzip = FixturePaths.CommittedLog(AlbLogSample.FileName);

        var members = GzipMembers.Split(gzip);

        Assert.True(gzip.Length < 150_000, $"{gzip.Length} bytes");
        Assert.Equal([400, 400, 301], members.Select(m => AlbLogGeneratorTests.Lines(m.Text).Count));
        Assert.All(members, m =>
        {
            // mtime 0 and the Unix OS byte: the header does not depend on the clock or the platform.
            Assert.Equal(new byte[] { 0, 0, 0, 0 }, gzip[(m.Offset + 4)..(m.Offset + 8)]);
            Assert.Equal(3, gzip[m.Offset + 9]);
        });
    }

    [Fact]
    public void Sample_502s_AreTheDocumentedCountPerCauseAndHypothesis()
    {
        var lines = AlbLogGeneratorTests.Lines(AlbLogGeneratorTests.Gunzip(FixturePaths.CommittedLog(AlbLogSample.FileName)));

        var counted = SignatureCounter.Count502(lines);

        Assert.Equal(Sorted(s_sample502s), Sorted(counted));
        Assert.Equal(Sorted(s_sample502s), Sorted(AlbLogGenerator.ComputeStats(AlbLogSample.Options).By502CauseAndHypothesis));
    }

    [Fact]
    public void Sample_Entries_AreTheDocumentedStatusesFieldCountsAndOddities()
    {
        var lines = AlbLogGeneratorTests.Lines(AlbLogGeneratorTests.Gunzip(FixturePaths.CommittedLog(AlbLogSample.FileName)));
        var fields = lines.Select(ReferenceSplitter.Split).ToList();
        var entries = fields.Where(f => f.Count >= 25).ToList();

        Assert.Equal(1101, lines.Count);
        Assert.Equal(1100, entries.Count);
        Assert.Equal(
            s_sampleStatuses.OrderBy(p => p.Key),
            entries.GroupBy(f => int.Parse(f.At(AlbLogField.ElbStatusCode), System.Globalization.CultureInfo.InvariantCulture)).Select(g => KeyValuePair.Create(g.Key, (long)g.Count())).OrderBy(p => p.Key));
        // The oddities at their documented (1-based) lines: a record cut inside its timestamp, 36 fields, 29 fields.
        Assert.Matches(@"^https 2026-11-24T10:$", lines[367]);
        Assert.Equal(36, fields[551].Count);
        Assert.Equal(29, fields[734].Count);
        Assert.Equal(1098, fields.Count(f => f.Count == 33));
    }

    [Fact]
    public void MultiMember_File_IsThreeMembersOfFourLinesWithFour502s()
    {
        byte[] gzip = FixturePaths.CommittedLog(AlbLogSample.MultiMemberFileName);
        using var plain = new MemoryStream();
        AlbLogGenerator.WritePlain(plain, AlbLogSample.MultiMemberOptions);

        var members = GzipMembers.Split(gzip);
        var lines = AlbLogGeneratorTests.Lines(AlbLogGeneratorTests.Gunzip(gzip));

        Assert.Equal([4, 4, 4], members.Select(m => AlbLogGeneratorTests.Lines(m.Text).Count));
        Assert.Equal(plain.ToArray(), members.SelectMany(m => m.Text));
        Assert.Equal(12, lines.Count);
        Assert.Equal(
            Sorted(new Dictionary<GeneratedCauseKey, long>
            {
                [new(GeneratedCause.TargetConnectionFailed, GeneratedCause.TargetDown)] = 1,
                [new(GeneratedCause.TargetClosedConnection, GeneratedCause.KeepAliveRace)] = 1,
                [new(GeneratedCause.LambdaUnhandled, null)] = 1,
                [new(GeneratedCause.TargetReturned502, null)] = 1,
            }),
            Sorted(SignatureCounter.Count502(lines)));
    }

    [Fact]
    public void Truncated_File_IsTheSampleCutInsideItsSecondMember()
    {
        byte[] truncated = FixturePaths.CommittedLog(FixtureFiles.TruncatedFileName);
        byte[] sample = FixturePaths.CommittedLog(AlbLogSample.FileName);

        var members = GzipMembers.Split(sample);

        Assert.True(truncated.Length > members[1].Offset, $"cut at {truncated.Length}, second member at {members[1].Offset}");
        Assert.True(truncated.Length < members[2].Offset, $"cut at {truncated.Length}, third member at {members[2].Offset}");
        Assert.Equal(sample[..truncated.Length], truncated);
    }

    [Fact]
    public void Truncated_DecodingToTheEnd_FailsOrStopsShortOfTheSample()
    {
        // .NET's GZipStream may end quietly at a truncated member instead of throwing: the file pins that
        // the reader must notice, so here only "never the full sample" is asserted.
        byte[] truncated = FixturePaths.CommittedLog(FixtureFiles.TruncatedFileName);
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
    public void Corrupt_File_IsTheMultiMemberFileWithOneByteFlippedInItsFirstMember()
    {
        byte[] corrupt = FixturePaths.CommittedLog(FixtureFiles.CorruptFileName);
        byte[] original = FixturePaths.CommittedLog(AlbLogSample.MultiMemberFileName);

        var first = GzipMembers.Split(original)[0];
        int flipped = Assert.Single(Enumerable.Range(0, corrupt.Length), i => corrupt[i] != original[i]);

        Assert.Equal(original.Length, corrupt.Length);
        Assert.Equal(0xFF, corrupt[flipped] ^ original[flipped]);
        Assert.InRange(flipped, 10, first.Length - 9); // inside the deflate data: past the header, before the trailer
        Assert.Throws<InvalidDataException>(() => AlbLogGeneratorTests.Gunzip(corrupt));
    }

    [Fact]
    public void NotALog_File_IsTheRecipesBinaryWithNulBytes()
    {
        byte[] bytes = FixturePaths.CommittedLog(FixtureFiles.NotALogFileName);

        Assert.Equal(FixtureFiles.NotALog(), bytes);
        Assert.Contains((byte)0, bytes);
        Assert.NotEqual(0x1f, bytes[0]);
    }

    private static List<KeyValuePair<GeneratedCauseKey, long>> Sorted(IEnumerable<KeyValuePair<GeneratedCauseKey, long>> counts) =>
        [.. counts.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)];
}
