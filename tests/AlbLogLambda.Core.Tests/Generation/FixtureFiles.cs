using AlbLogLambda.Core.Generation;

namespace AlbLogLambda.Core.Tests.Generation;

/// <summary>
/// Recipes of the generated files under tests/Fixtures/logs/ and where they live. The realistic sample and
/// the multi-member file come from <see cref="AlbLogSample"/>; the damaged files are derived from them here.
/// </summary>
internal static class FixtureFiles
{
    public const string TruncatedFileName = "truncated.log.gz";
    public const string CorruptFileName = "corrupt.log.gz";
    public const string NotALogFileName = "not-a-log.bin";

    /// <summary>The fixtures copied beside the test assembly.</summary>
    public static string CopiedLogs => Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs");

    /// <summary>The fixtures in the source tree (for regeneration), found from the test assembly upwards.</summary>
    public static string SourceLogs
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AlbLogLambda.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "Fixtures", "logs");
                }
            }
            throw new DirectoryNotFoundException("AlbLogLambda.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static byte[] Sample(out GenerationStats stats)
    {
        using var output = new MemoryStream();
        stats = AlbLogSample.WriteGzip(output);
        return output.ToArray();
    }

    public static byte[] MultiMember(out GenerationStats stats)
    {
        using var output = new MemoryStream();
        stats = AlbLogSample.WriteMultiMemberGzip(output);
        return output.ToArray();
    }

    /// <summary>The sample cut in the middle of its second gzip member.</summary>
    public static byte[] Truncated()
    {
        byte[] sample = Sample(out var stats);
        long cut = stats.GzipMemberLengths[0] + (stats.GzipMemberLengths[1] / 2);
        return sample[..(int)cut];
    }

    /// <summary>Offset of the flipped byte in <see cref="Corrupt"/>: the middle of the first member's deflate data.</summary>
    public static int CorruptOffset(GenerationStats multiMemberStats) => (int)(multiMemberStats.GzipMemberLengths[0] / 2);

    /// <summary>The multi-member file with one byte inverted inside the first member's deflate data.</summary>
    public static byte[] Corrupt()
    {
        byte[] bytes = MultiMember(out var stats);
        bytes[CorruptOffset(stats)] ^= 0xFF;
        return bytes;
    }

    /// <summary>512 bytes that are no text at all: a made-up binary header, NUL runs and every byte value.</summary>
    public static byte[] NotALog()
    {
        var bytes = new byte[512];
        byte[] header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < 256; i++)
        {
            bytes[128 + i] = (byte)i;
        }
        return bytes;
    }
}
