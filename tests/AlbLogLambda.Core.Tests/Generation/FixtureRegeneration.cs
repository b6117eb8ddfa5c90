using AlbLogLambda.Core.Generation;

namespace AlbLogLambda.Core.Tests.Generation;

/// <summary>
/// Rewrites the generated fixtures in the source tree, only when ALBLOG_REGENERATE_FIXTURES=1:
/// <c>ALBLOG_REGENERATE_FIXTURES=1 dotnet test tests/AlbLogLambda.Core.Tests --filter FullyQualifiedName~FixtureRegeneration</c>.
/// Otherwise it does nothing, so a normal test run never touches the committed files.
/// </summary>
public class FixtureRegeneration
{
    [Fact]
    public void Regenerate_WhenRequested_WritesGeneratedFixtures()
    {
        if (Environment.GetEnvironmentVariable("ALBLOG_REGENERATE_FIXTURES") != "1")
        {
            return;
        }
        string logs = FixtureFiles.SourceLogs;
        Directory.CreateDirectory(logs);
        File.WriteAllBytes(Path.Combine(logs, AlbLogSample.FileName), FixtureFiles.Sample(out _));
        File.WriteAllBytes(Path.Combine(logs, AlbLogSample.MultiMemberFileName), FixtureFiles.MultiMember(out _));
        File.WriteAllBytes(Path.Combine(logs, FixtureFiles.TruncatedFileName), FixtureFiles.Truncated());
        File.WriteAllBytes(Path.Combine(logs, FixtureFiles.CorruptFileName), FixtureFiles.Corrupt());
        File.WriteAllBytes(Path.Combine(logs, FixtureFiles.NotALogFileName), FixtureFiles.NotALog());
    }
}
