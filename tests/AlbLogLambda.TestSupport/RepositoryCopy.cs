namespace AlbLogLambda.TestSupport;

/// <summary>
/// A scratch copy of a source tree (the repository, or the template's CodeUri), as `sam build` makes one: builds run
/// there from clean, without touching the working tree's bin/obj folders that other tests use. Deleted on dispose.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    // SAM's copy leaves out .aws-sam and .git; build outputs are left out too, so that a build starts clean.
    private static readonly HashSet<string> s_excluded = new(StringComparer.Ordinal) { ".git", ".aws-sam", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts" };

    /// <param name="source">The folder to copy.</param>
    /// <param name="prefix">The scratch folder's name prefix (under the temporary folder).</param>
    public RepositoryCopy(string source, string prefix)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Copy(new DirectoryInfo(source), Root);
    }

    /// <summary>The copy.</summary>
    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Copy(DirectoryInfo source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in source.EnumerateFiles()) file.CopyTo(Path.Combine(target, file.Name));
        foreach (var dir in source.EnumerateDirectories().Where(d => !s_excluded.Contains(d.Name))) Copy(dir, Path.Combine(target, dir.Name));
    }
}
