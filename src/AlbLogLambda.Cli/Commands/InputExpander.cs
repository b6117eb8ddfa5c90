namespace AlbLogLambda.Cli.Commands;

/// <summary>One input to analyze, or the reason it cannot be.</summary>
internal sealed record Input(string Source, bool IsStdin, string? Problem);

/// <summary>Turns the command line's paths into inputs: files, directories (recursive, sorted), and - for stdin.</summary>
internal static class InputExpander
{
    public static IEnumerable<Input> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return new Input("-", IsStdin: true, Problem: null);
            }
            else if (Directory.Exists(path))
            {
                // Ordinal order: the same on every machine and locale.
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
                if (files.Length == 0) yield return new Input(path, false, "directory holds no files");
                foreach (var file in files) yield return new Input(file, false, null);
            }
            else if (File.Exists(path))
            {
                yield return new Input(path, false, null);
            }
            else
            {
                yield return new Input(path, false, "no such file or directory");
            }
        }
    }
}
