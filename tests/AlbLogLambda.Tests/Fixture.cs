namespace AlbLogLambda.Tests;

/// <summary>Files under tests/Fixtures, copied to Fixtures/ beside the test assembly.</summary>
internal static class Fixture
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));
}
