using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Tests.Parsing;

namespace AlbLogLambda.Generation.Tests;

public class AlbLogGeneratorTests
{
    private static readonly GeneratorOptions s_small = new() { Lines = 3000, Seed = 42, LinesPerMember = 700 };

    /// <summary>Every kind weighted, so small runs contain all of them.</summary>
    private static readonly CauseMix s_everyKind = new()
    {
        Success2xx = 60,
        Redirect3xx = 10,
        Client4xx = 10,
        WebSocket101 = 5,
        Neighbor500 = 4,
        Neighbor503 = 4,
        Neighbor504 = 4,
        Neighbor460 = 4,
        TargetDown = 4,
        ConnectIntermittent = 4,
        ConnectTlsHandshake = 4,
        KeepAliveRace = 4,
        LongRequestCut = 4,
        ClosedMidRequest = 4,
        LambdaResponseTooLarge = 4,
        LambdaUnhandled = 4,
        LambdaThrottled = 4,
        LambdaInvalidResponse = 4,
        LambdaError = 4,
        FixedResponse502 = 4,
        LoadBalancerOther502 = 4,
        TargetReturned502 = 4,
        TargetResponseInvalid = 4,
        LambdaInternalError = 4,
        ConnectTlsHandshakeTimeout = 4,
        TargetCrash = 4,
    };

    [Fact]
    public void WritePlain_SameOptions_ProducesIdenticalBytes()
    {
        byte[] first = Plain(s_small, out _);
        byte[] second = Plain(s_small with { }, out _);

        Assert.Equal(first, second);
    }

    [Fact]
    public void WritePlain_DifferentSeed_ProducesDifferentBytes()
    {
        Assert.NotEqual(Plain(s_small, out _), Plain(s_small with { Seed = 43 }, out _));
    }

    [Fact]
    public void WriteGzip_SameOptions_ProducesIdenticalBytes()
    {
        Assert.Equal(Gzip(s_small, out _), Gzip(s_small with { }, out _));
    }

    [Fact]
    public void WriteGzip_Decompressed_EqualsPlainOutput()
    {
        byte[] plain = Plain(s_small, out var plainStats);
        byte[] gzip = Gzip(s_small, out var gzipStats);

        Assert.Equal(plain, Gunzip(gzip));
        Assert.Equal(plainStats.UncompressedBytes, gzipStats.UncompressedBytes);
        Assert.Equal(plain.Length, gzipStats.UncompressedBytes);
    }

    [Fact]
    public void WriteGzip_LinesPerMember_WritesIndependentMembersOfThatManyLines()
    {
        byte[] gzip = Gzip(s_small, out var stats);

        // 3000 lines in members of 700: 700, 700, 700, 700, 200.
        Assert.Equal(5, stats.GzipMembers);
        Assert.Equal(gzip.Length, stats.GzipMemberLengths.Sum());
        var lineCounts = new List<int>();
        int offset = 0;
        foreach (long length in stats.GzipMemberLengths)
        {
            var member = gzip.AsSpan(offset, (int)length);
            // Each member is a complete gzip stream: magic, deflate, mtime 0, OS byte normalized to Unix.
            Assert.Equal(new byte[] { 0x1f, 0x8b, 0x08 }, member[..3].ToArray());
            Assert.Equal(new byte[] { 0, 0, 0, 0 }, member.Slice(4, 4).ToArray());
            Assert.Equal(3, member[9]);
            lineCounts.Add(Encoding.UTF8.GetString(Gunzip(member.ToArray())).Count(c => c == '\n'));
            offset += (int)length;
        }
        Assert.Equal([700, 700, 700, 700, 200], lineCounts);
    }

    [Fact]
    public void WriteGzip_FastestLevel_DecompressesToSamePlainText()
    {
        byte[] plain = Plain(s_small, out _);

        Assert.Equal(plain, Gunzip(Gzip(s_small with { CompressionLevel = CompressionLevel.Fastest }, out _)));
    }

    [Fact]
    public void ComputeStats_AnyOptions_EqualsStatsOfWritePlain()
    {
        var options = s_small with { Mix = s_everyKind, IncludeOddities = true };
        Plain(options, out var written);

        var computed = AlbLogGenerator.ComputeStats(options);

        Assert.Equal(written.UncompressedBytes, computed.UncompressedBytes);
        Assert.Equal(written.ByKind, computed.ByKind);
        Assert.Equal(written.ByElbStatusCode, computed.ByElbStatusCode);
        Assert.Equal(written.ByErrorReason, computed.ByErrorReason);
        Assert.Equal(written.By502CauseAndHypothesis, computed.By502CauseAndHypothesis);
    }

    [Fact]
    public void Stats_EveryBreakdown_AddsUpToLineCount()
    {
        var options = s_small with { Mix = s_everyKind, IncludeOddities = true };

        var stats = AlbLogGenerator.ComputeStats(options);

        Assert.Equal(options.Lines, stats.Entries);
        Assert.Equal(1, stats.NonEntryLines);
        Assert.Equal(options.Lines + 1, stats.PhysicalLines);
        Assert.Equal(options.Lines, stats.ByKind.Values.Sum());
        Assert.Equal(options.Lines, stats.ByElbStatusCode.Values.Sum());
        Assert.Equal(options.Lines, stats.ByFieldCount.Values.Sum());
        Assert.Equal(stats.Http502, stats.By502CauseAndHypothesis.Values.Sum());
        Assert.Equal(stats.Http502, stats.By502Cause.Values.Sum());
        Assert.Equal(options.Mix.Apportion(options.Lines).Where(p => p.Value > 0), stats.ByKind.OrderBy(p => p.Key));
    }

    [Fact]
    public void Stats_MixWeightsSummingToLines_AreExactCounts()
    {
        var stats = AlbLogGenerator.ComputeStats(AlbLogSample.Options);

        Assert.Equal(12, stats.ByKind[GeneratedLineKind.TargetDown]);
        Assert.Equal(12, stats.Count502(GeneratedCause.TargetConnectionFailed, GeneratedCause.TargetDown));
        Assert.Equal(12 + 8 + 6 + 5, stats.Count502(GeneratedCause.TargetConnectionFailed));
        Assert.Equal(16 + 5 + 8 + 6, stats.Count502(GeneratedCause.TargetClosedConnection));
        Assert.Equal(13, stats.Count502(GeneratedCause.TargetReturned502));
        Assert.Equal(131, stats.Http502);
        Assert.Equal(10, stats.ByElbStatusCode[503]);
    }

    [Fact]
    public void Stats_ByKind_CoversEveryCauseAndHypothesis()
    {
        var stats = AlbLogGenerator.ComputeStats(s_small with { Mix = s_everyKind });

        foreach (string cause in AlbLogGenerator.CauseIds)
        {
            Assert.True(stats.Count502(cause) > 0, cause);
        }
        foreach (var kind in Enum.GetValues<GeneratedLineKind>())
        {
            if (GeneratedCause.Of(kind) is { Hypothesis: { } hypothesis } key)
            {
                Assert.Contains(hypothesis, GeneratedCause.HypothesisIds);
                Assert.True(stats.Count502(key.Cause, hypothesis) > 0, key.ToString());
            }
        }
    }

    [Fact]
    public void WritePlain_TextSignatures_MatchStatsPerCauseAndHypothesis()
    {
        var options = s_small with { Lines = 5000, Mix = s_everyKind, IncludeOddities = true };
        byte[] plain = Plain(options, out var stats);

        var counted = SignatureCounter.Count502(Lines(plain));

        Assert.Equal(stats.By502CauseAndHypothesis.OrderBy(p => p.Key.ToString()), counted.OrderBy(p => p.Key.ToString()));
    }

    [Fact]
    public void WritePlain_EveryEntry_Has33FieldsWithTheReferenceSplitter()
    {
        byte[] plain = Plain(s_small with { Mix = s_everyKind }, out _);

        foreach (string line in Lines(plain))
        {
            Assert.Equal(33, ReferenceSplitter.Split(line).Count);
        }
    }

    [Fact]
    public void WritePlain_WithOddities_WritesOneCutLineOne29FieldAndOne36FieldEntry()
    {
        var options = s_small with { Lines = 600, IncludeOddities = true };
        byte[] plain = Plain(options, out var stats);
        var lines = Lines(plain);

        Assert.Equal(601, lines.Count);
        var fieldCounts = lines.Select(l => ReferenceSplitter.Split(l).Count).ToList();
        Assert.Equal(2, fieldCounts[201]); // the cut line after entry 200: type and a partial timestamp
        Assert.Matches(@"^(https?|h2|grpcs|wss?) 2026-11-24T\d\d:$", lines[201]);
        Assert.Equal(36, fieldCounts[301]); // entry 300 (one line later because of the cut line)
        Assert.Equal(new[] { "-", "-", "-", "-", "-", "-" }, ReferenceSplitter.Split(lines[301])[(int)AlbLogField.TransformedHost..]);
        Assert.Equal(29, fieldCounts[401]);
        Assert.DoesNotContain("TID_", lines[401], StringComparison.Ordinal);
        Assert.Equal(598, fieldCounts.Count(c => c == 33));
        Assert.Equal(new SortedDictionary<int, long> { [29] = 1, [33] = 598, [36] = 1 }, stats.ByFieldCount);
    }

    [Fact]
    public void WritePlain_Fields_HaveAlbFormats()
    {
        var options = s_small with { Mix = s_everyKind };
        byte[] plain = Plain(options, out _);
        var time = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
        var seconds = new Regex(@"^(-1|\d+\.\d{3})$");
        var arn = new Regex(@"^(-|arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/[a-z-]+/[0-9a-f]{16})$");

        foreach (var f in Lines(plain).Select(ReferenceSplitter.Split))
        {
            Assert.Contains(f.At(AlbLogField.Type), new[] { "http", "https", "h2", "grpcs", "ws", "wss" });
            Assert.Matches(time, f.At(AlbLogField.Time));
            Assert.Equal("app/my-alb/50dc6c495c0c9188", f.At(AlbLogField.Elb));
            Assert.Matches(seconds, f.At(AlbLogField.RequestProcessingTime));
            Assert.Matches(seconds, f.At(AlbLogField.TargetProcessingTime));
            Assert.Matches(seconds, f.At(AlbLogField.ResponseProcessingTime));
            Assert.Matches(arn, f.At(AlbLogField.TargetGroupArn));
            Assert.Matches(@"^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$", f.At(AlbLogField.TraceId));
            Assert.Matches(time, f.At(AlbLogField.RequestCreationTime));
            Assert.EndsWith("000Z", f.At(AlbLogField.RequestCreationTime), StringComparison.Ordinal); // request_creation_time has millisecond precision
            Assert.Matches(@"^TID_[0-9a-f]{32}$", f.At(AlbLogField.ConnTraceId));
            Assert.True(string.CompareOrdinal(f.At(AlbLogField.RequestCreationTime), f.At(AlbLogField.Time)) <= 0, "request_creation_time after time: " + string.Join(' ', f));
            Assert.Equal(f.At(AlbLogField.Type) is "https" or "h2" or "grpcs" or "wss", f.At(AlbLogField.SslCipher) != "-");
            Assert.DoesNotContain('"', f.At(AlbLogField.UserAgent));
        }
    }

    [Fact]
    public void WritePlain_DefaultMix_UsesEveryTypeAndUnbracketedIpv6Clients()
    {
        byte[] plain = Plain(new GeneratorOptions { Lines = 20_000, Seed = 5 }, out _);
        var fields = Lines(plain).Select(ReferenceSplitter.Split).ToList();

        Assert.Equal(["grpcs", "h2", "http", "https", "ws", "wss"], fields.Select(f => f.At(AlbLogField.Type)).Distinct().Order(StringComparer.Ordinal));
        var ipv6 = fields.Where(f => f.At(AlbLogField.Client).Count(c => c == ':') > 1).Select(f => f.At(AlbLogField.Client)).ToList();
        Assert.NotEmpty(ipv6);
        Assert.All(ipv6, client => Assert.Matches(@"^2001:db8(:[0-9a-f]{1,4}){6}:\d+$", client));
        Assert.Contains(fields, f => f.At(AlbLogField.UserAgent).Contains(@"\x22", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.At(AlbLogField.UserAgent).Contains(@"\xEC", StringComparison.Ordinal));
    }

    [Fact]
    public void WritePlain_TimingSignatures_FollowTheCatalogThresholds()
    {
        var options = s_small with { Lines = 5000, Mix = s_everyKind };
        var fields = Lines(Plain(options, out _)).Select(ReferenceSplitter.Split).Where(f => f.At(AlbLogField.ElbStatusCode) == "502").ToList();

        foreach (var f in fields.Where(f => f.At(AlbLogField.Target) != "-" && f.At(AlbLogField.RequestProcessingTime) == "-1"))
        {
            // Connection failures: refused or unreachable within milliseconds, or the TLS handshake timeout of about 10 s
            // (on the HTTPS targets only), never in between.
            var elapsed = Elapsed(f);
            Assert.True(elapsed < TimeSpan.FromSeconds(0.1)
                || (elapsed >= TimeSpan.FromSeconds(9.6) && elapsed <= TimeSpan.FromSeconds(10.1) && f.At(AlbLogField.Target).EndsWith(":443", StringComparison.Ordinal)),
                string.Join(' ', f));
        }
        foreach (var f in fields.Where(f => f.At(AlbLogField.ResponseProcessingTime) == "-1" && f.At(AlbLogField.TargetProcessingTime) != "-1" && Seconds(f.At(AlbLogField.TargetProcessingTime)) >= 30))
        {
            // Long requests cut: created at least target_processing_time before the response.
            Assert.True(Elapsed(f).TotalSeconds >= Seconds(f.At(AlbLogField.TargetProcessingTime)), string.Join(' ', f));
        }
        Assert.All(fields.Where(f => f.At(AlbLogField.Target) == "-" && f.At(AlbLogField.ErrorReason).StartsWith("Lambda", StringComparison.Ordinal)), f =>
        {
            Assert.NotEqual("-1", f.At(AlbLogField.RequestProcessingTime));
            Assert.NotEqual("-1", f.At(AlbLogField.TargetProcessingTime));
            Assert.NotEqual("-1", f.At(AlbLogField.ResponseProcessingTime));
            Assert.Equal("-", f.At(AlbLogField.TargetStatusCode));
            Assert.Contains(":targetgroup/checkout-fn/", f.At(AlbLogField.TargetGroupArn), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void WritePlain_TargetDown_UsesOneDedicatedTargetThatNeverSucceeds()
    {
        var options = s_small with { Lines = 5000, Mix = s_everyKind };
        var fields = Lines(Plain(options, out var stats)).Select(ReferenceSplitter.Split).ToList();

        var down = fields.Where(f => f.At(AlbLogField.Target) == "10.0.15.87:8080").ToList();
        Assert.Equal(stats.Count502(GeneratedCause.TargetConnectionFailed, GeneratedCause.TargetDown), down.Count);
        Assert.All(down, f => Assert.Equal("-1 -1 -1 502 -", string.Join(' ', f[(int)AlbLogField.RequestProcessingTime..((int)AlbLogField.TargetStatusCode + 1)])));
    }

    [Fact]
    public void WritePlain_ZeroLines_WritesNothing()
    {
        Assert.Empty(Plain(s_small with { Lines = 0 }, out var stats));
        Assert.Equal(0, stats.Entries);
        Assert.Empty(Gzip(s_small with { Lines = 0 }, out _));
    }

    [Fact]
    public void WritePlain_IntermittentFailuresWithoutSuccessTraffic_Throws()
    {
        var options = s_small with { Mix = new CauseMix { ConnectIntermittent = 1, KeepAliveRace = 1 } };

        Assert.Throws<ArgumentException>(() => AlbLogGenerator.ComputeStats(options));
    }

    [Fact]
    public void WritePlain_MixWithoutWeight_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlbLogGenerator.ComputeStats(s_small with { Mix = new CauseMix() }));
    }

    [Fact]
    public void WritePlain_ManyLines_AllocatesIndependentlyOfLineCount()
    {
        var options = new GeneratorOptions { Lines = 200_000, Seed = 9 };
        AlbLogGenerator.WritePlain(Stream.Null, options with { Lines = 1000 }); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        AlbLogGenerator.WritePlain(Stream.Null, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // About 120 MB of text; the reused buffer and the world are well under 2 MB.
        Assert.True(allocated < 2_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void CauseIds_AreTheKebabCaseCatalog()
    {
        Assert.Equal(
            ["target-connection-failed", "target-closed-connection", "lambda-response-too-large", "lambda-unhandled",
             "lambda-throttled", "lambda-invalid-response", "lambda-error", "fixed-response", "load-balancer-other",
             "target-returned-502", "target-response-invalid", "lambda-internal-error"],
            AlbLogGenerator.CauseIds);
    }

    private static byte[] Plain(GeneratorOptions options, out GenerationStats stats)
    {
        using var output = new MemoryStream();
        stats = AlbLogGenerator.WritePlain(output, options);
        return output.ToArray();
    }

    private static byte[] Gzip(GeneratorOptions options, out GenerationStats stats)
    {
        using var output = new MemoryStream();
        stats = AlbLogGenerator.WriteGzip(output, options);
        return output.ToArray();
    }

    internal static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    internal static List<string> Lines(byte[] plain) =>
        [.. Encoding.UTF8.GetString(plain).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static double Seconds(string field) => double.Parse(field, CultureInfo.InvariantCulture);

    private static TimeSpan Elapsed(List<string> f) =>
        DateTimeOffset.Parse(f.At(AlbLogField.Time), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(f.At(AlbLogField.RequestCreationTime), CultureInfo.InvariantCulture);
}
