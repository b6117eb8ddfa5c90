namespace AlbLogLambda.Benchmarks;

/// <summary>
/// BenchmarkDotNet builds each benchmark job from this project's .csproj, which it looks for under the current
/// directory. Started from anywhere else (a script, another folder), the suite moves into the project's folder first.
/// </summary>
internal static class ProjectDirectory
{
    private const string ProjectFile = "AlbLogLambda.Benchmarks.csproj";

    public static void EnterForBenchmarkDotNet()
    {
        var cwd = Environment.CurrentDirectory;
        if (File.Exists(Path.Combine(cwd, ProjectFile))
            || File.Exists(Path.Combine(cwd, "bench", "AlbLogLambda.Benchmarks", ProjectFile)))
        {
            return;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFile)))
            {
                Environment.CurrentDirectory = dir.FullName;
                return;
            }
        }
    }
}
