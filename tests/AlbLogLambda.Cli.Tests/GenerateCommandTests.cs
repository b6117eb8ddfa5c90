using System.IO.Compression;
using System.Text.Json;

namespace AlbLogLambda.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-gen-").FullName;

    [Fact]
    public void Generate_WithAMix_WritesALogWhoseAnalysisShowsThatMix()
    {
        var path = Path.Combine(_dir, "mix.log.gz");

        var generated = CliRunner.Run(["generate", "--out", path, "--lines", "20000", "--seed", "5", "--lines-per-member", "6000", "--fastest",
            "--mix", "keep-alive-race=2000,target-down=0", "--mix", "lambda-throttled=1000"]);
        var analyzed = CliRunner.Run(["analyze", path, "--format", "json"]);

        Assert.Equal(0, generated.ExitCode);
        Assert.Contains("wrote 20,000 entries", generated.Error, StringComparison.Ordinal);
        var causes = JsonDocument.Parse(analyzed.RawOut).RootElement.GetProperty("causes").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c);
        Assert.Equal("target-closed-connection", JsonDocument.Parse(analyzed.RawOut).RootElement.GetProperty("causes")[0].GetProperty("id").GetString());
        Assert.DoesNotContain(causes["target-connection-failed"].GetProperty("hypotheses").EnumerateArray(), h => h.GetProperty("id").GetString() == "target-down");
        Assert.True(causes["lambda-throttled"].GetProperty("count").GetInt32() > 500);
    }

    [Fact]
    public void Generate_SameSeed_SameBytes()
    {
        string a = Path.Combine(_dir, "a.log"), b = Path.Combine(_dir, "b.log");

        CliRunner.Run(["generate", "--out", a, "--lines", "3000", "--seed", "9", "--plain"]);
        CliRunner.Run(["generate", "--out", b, "--lines", "3000", "--seed", "9", "--plain"]);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal(3000, File.ReadAllLines(a).Length);
    }

    [Theory]
    [InlineData("keep-alive=5")]
    [InlineData("keep-alive-race=lots")]
    [InlineData("keep-alive-race")]
    public void Generate_BadMix_IsAUsageError(string mix)
    {
        var result = CliRunner.Run(["generate", "--out", Path.Combine(_dir, "x.log"), "--mix", mix]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--mix", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Fixtures_WritesTheCommittedGeneratedFixtures()
    {
        string committed = CliRunner.Fixture("logs");

        var result = CliRunner.Run(["generate", "--fixtures", _dir]);

        Assert.Equal(0, result.ExitCode);
        var expectedNames = Directory.GetFiles(committed).Select(Path.GetFileName).Where(n => n != "README.md").Order(StringComparer.Ordinal);
        Assert.Equal(expectedNames, Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(5, Directory.GetFiles(_dir).Length);
        Assert.Equal(5, result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // By content: the compressed bytes depend on the runtime's zlib-ng, the text does not.
        foreach (string name in new[] { "multi-member.log.gz", Path.GetFileName(Directory.GetFiles(committed, "123456789012_*.log.gz").Single()) })
        {
            Assert.Equal(Gunzip(File.ReadAllBytes(Path.Combine(committed, name))), Gunzip(File.ReadAllBytes(Path.Combine(_dir, name))));
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(committed, "not-a-log.bin")), File.ReadAllBytes(Path.Combine(_dir, "not-a-log.bin")));
        Assert.Throws<InvalidDataException>(() => Gunzip(File.ReadAllBytes(Path.Combine(_dir, "corrupt.log.gz"))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Generate_NotExactlyOneOfOutAndFixtures_IsAUsageError(bool both)
    {
        string[] args = both ? ["generate", "--out", Path.Combine(_dir, "x.log"), "--fixtures", _dir] : ["generate", "--lines", "10"];

        var result = CliRunner.Run(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exactly one of --out FILE and --fixtures DIR", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
