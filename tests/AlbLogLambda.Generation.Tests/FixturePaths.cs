namespace AlbLogLambda.Generation.Tests;

/// <summary>The fixtures copied beside the test assembly (tests/Fixtures, see its README).</summary>
internal static class FixturePaths
{
    public static string Logs => Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs");

    public static byte[] CommittedLog(string name) => File.ReadAllBytes(Path.Combine(Logs, name));
}
