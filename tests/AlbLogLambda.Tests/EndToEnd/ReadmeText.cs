using System.Text;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>The repository's README.md as the tests read it: a section, its shell code blocks, their commands.</summary>
internal static class ReadmeText
{
    /// <summary>The text under <c>## {heading}</c>, up to the next <c>## </c> heading.</summary>
    public static string Section(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Deployment.CfnTemplate.RepositoryRoot, "README.md"));
        int start = Array.IndexOf(lines, "## " + heading);
        if (start < 0) throw new InvalidOperationException($"README.md has no section '## {heading}'");
        var section = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join('\n', section);
    }

    /// <summary>The bodies of the <c>```sh</c> blocks of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> ShellBlocks(string text)
    {
        var blocks = new List<string>();
        StringBuilder? block = null;
        foreach (var line in text.Split('\n'))
        {
            if (block is null && line == "```sh")
            {
                block = new StringBuilder();
            }
            else if (block is not null && line == "```")
            {
                blocks.Add(block.ToString());
                block = null;
            }
            else
            {
                block?.Append(line).Append('\n');
            }
        }

        return blocks;
    }

    /// <summary>
    /// The commands of a shell block: comment and blank lines dropped, a line ending in a backslash joined with the next
    /// (kept as written, backslash and line break included, so that bash reads it as the README shows it).
    /// </summary>
    public static IReadOnlyList<string> Commands(string block)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        foreach (var line in block.Split('\n'))
        {
            if (current.Length == 0 && (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))) continue;
            current.Append(line);
            if (line.EndsWith('\\'))
            {
                current.Append('\n');
                continue;
            }

            commands.Add(current.ToString());
            current.Clear();
        }

        return commands;
    }

    /// <summary>The <c>`...`</c> spans of <paramref name="text"/> that start with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> CodeSpans(string text, string prefix)
    {
        var spans = new List<string>();
        var parts = text.Split('`');
        for (var i = 1; i < parts.Length; i += 2)
        {
            if (parts[i].StartsWith(prefix, StringComparison.Ordinal)) spans.Add(parts[i]);
        }

        return spans;
    }
}
