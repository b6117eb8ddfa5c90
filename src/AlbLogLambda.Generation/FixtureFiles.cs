namespace AlbLogLambda.Generation;

/// <summary>
/// The recipes of the generated files under tests/Fixtures/logs/: the realistic sample and the multi-member
/// file from <see cref="AlbLogSample"/>, and the damaged files derived from them here.
/// <c>alblog generate --fixtures DIR</c> writes them all (<see cref="WriteAll"/>).
/// </summary>
public static class FixtureFiles
{
    public const string TruncatedFileName = "truncated.log.gz";
    public const string CorruptFileName = "corrupt.log.gz";
    public const string NotALogFileName = "not-a-log.bin";

    /// <summary>The file names <see cref="WriteAll"/> writes, in the order it writes them.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [AlbLogSample.FileName, AlbLogSample.MultiMemberFileName, TruncatedFileName, CorruptFileName, NotALogFileName];

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
    public static int CorruptOffset(GenerationStats multiMemberStats)
    {
        ArgumentNullException.ThrowIfNull(multiMemberStats);
        return (int)(multiMemberStats.GzipMemberLengths[0] / 2);
    }

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

    /// <summary>
    /// Writes every generated fixture into <paramref name="directory"/> (created if missing), replacing files of
    /// the same names; other files there are left alone. Returns the paths written, in <see cref="FileNames"/> order.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        byte[][] contents = [Sample(out _), MultiMember(out _), Truncated(), Corrupt(), NotALog()];
        var written = new List<string>(FileNames.Count);
        for (int i = 0; i < FileNames.Count; i++)
        {
            string path = Path.Combine(directory, FileNames[i]);
            File.WriteAllBytes(path, contents[i]);
            written.Add(path);
        }
        return written;
    }
}
