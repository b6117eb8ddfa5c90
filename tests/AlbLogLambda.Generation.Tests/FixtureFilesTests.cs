namespace AlbLogLambda.Generation.Tests;

/// <summary>The recipes of the generated fixtures, on fresh output (so any compressor's bytes will do).</summary>
public sealed class FixtureFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-fixtures-").FullName;

    [Fact]
    public void Truncated_IsTheSampleCutInTheMiddleOfItsSecondMember()
    {
        byte[] sample = FixtureFiles.Sample(out var stats);

        byte[] truncated = FixtureFiles.Truncated();

        Assert.Equal(stats.GzipMemberLengths[0] + (stats.GzipMemberLengths[1] / 2), truncated.Length);
        Assert.Equal(sample[..truncated.Length], truncated);
    }

    [Fact]
    public void Corrupt_IsTheMultiMemberFileWithOneByteInvertedInItsFirstMember()
    {
        byte[] original = FixtureFiles.MultiMember(out var stats);

        byte[] corrupt = FixtureFiles.Corrupt();

        int flipped = Assert.Single(Enumerable.Range(0, corrupt.Length), i => corrupt[i] != original[i]);
        Assert.Equal(FixtureFiles.CorruptOffset(stats), flipped);
        Assert.Equal(0xFF, corrupt[flipped] ^ original[flipped]);
        Assert.InRange(flipped, 10, stats.GzipMemberLengths[0] - 9);
        Assert.Throws<InvalidDataException>(() => AlbLogGeneratorTests.Gunzip(corrupt));
    }

    [Fact]
    public void WriteAll_WritesEveryRecipeUnderItsNameAndLeavesOtherFiles()
    {
        string other = Path.Combine(_dir, "README.md");
        File.WriteAllText(other, "kept");
        File.WriteAllText(Path.Combine(_dir, FixtureFiles.NotALogFileName), "replaced");

        var written = FixtureFiles.WriteAll(_dir);

        Assert.Equal(FixtureFiles.FileNames.Select(n => Path.Combine(_dir, n)), written);
        Assert.Equal(FixtureFiles.Sample(out _), File.ReadAllBytes(written[0]));
        Assert.Equal(FixtureFiles.MultiMember(out _), File.ReadAllBytes(written[1]));
        Assert.Equal(FixtureFiles.Truncated(), File.ReadAllBytes(written[2]));
        Assert.Equal(FixtureFiles.Corrupt(), File.ReadAllBytes(written[3]));
        Assert.Equal(FixtureFiles.NotALog(), File.ReadAllBytes(written[4]));
        Assert.Equal("kept", File.ReadAllText(other));
    }

    [Fact]
    public void FileNames_AreTheCommittedGeneratedFiles()
    {
        var committed = Directory.GetFiles(FixturePaths.Logs).Select(Path.GetFileName).Where(n => n != "README.md");

        Assert.Equal(committed.Order(StringComparer.Ordinal), FixtureFiles.FileNames.Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
