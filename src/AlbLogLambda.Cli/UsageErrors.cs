using System.CommandLine;
using System.CommandLine.Parsing;

namespace AlbLogLambda.Cli;

/// <summary>
/// What is wrong with a command line, in one line: the parser's first error, or a positional argument that looks like
/// an option (System.CommandLine hands an unknown <c>--formt</c> to <c>analyze</c>'s paths, which would then report
/// "no such file"), with the closest real option when one is near.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Null when the command line is well formed.</summary>
    public static string? Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (LooksLikeOption(token.Value)) return Unknown(token.Value, command);
            }
        }
        if (parse.Errors.Count == 0) return null;
        if (parse.UnmatchedTokens.FirstOrDefault(LooksLikeOption) is { } unknown) return Unknown(unknown, command);
        if (command is RootCommand && parse.UnmatchedTokens.Count > 0)
        {
            string name = parse.UnmatchedTokens[0];
            string? near = command.Subcommands.Select(c => c.Name).OrderBy(c => Distance(name, c)).FirstOrDefault(c => Distance(name, c) <= 2);
            return $"unknown command '{name}'" + (near is null ? $"; the commands are {string.Join(", ", command.Subcommands.Select(c => c.Name))}." : $"; did you mean '{near}'?");
        }
        // A missing or bad value explains a stray token that follows it ("--batch --out DIR"): it comes first.
        if (parse.Errors.FirstOrDefault(e => !parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))) is { } error)
        {
            return OneLine(error.Message);
        }
        return $"unexpected argument '{parse.UnmatchedTokens[0]}' for '{Path(command)}'.";
    }

    /// <summary>The parser's messages may list choices on lines of their own: "Must be one of: 'text', 'json'".</summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1 ? message.Trim() : lines[0] + " " + string.Join(", ", lines[1..]);
    }

    /// <summary>The nearest option name within two edits (prefix matches count as near), or null.</summary>
    public static string? Suggest(string token, Command command)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(command);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var name in command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))
        {
            int distance = name.StartsWith(token, StringComparison.Ordinal) && token.Length >= 4 ? 1 : Distance(token, name);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }
        return bestDistance <= Math.Max(1, Math.Min(2, token.Length / 4)) ? best : null;
    }

    private static string Unknown(string token, Command command)
    {
        string option = token.Split('=', 2)[0];
        return $"unknown option '{option}' for '{Path(command)}'" + (Suggest(option, command) is { } near ? $"; did you mean '{near}'?" : ".");
    }

    private static string Path(Command command) => command is RootCommand ? "alblog" : "alblog " + command.Name;

    /// <summary><c>-x</c> or <c>--xyz</c>, not <c>-</c> (standard input) and not a negative number.</summary>
    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !(char.IsAsciiDigit(value[1]) || (value[1] == '.' && value.Length > 2));

    /// <summary>
    /// Edit distance with adjacent transpositions counting one ("--form" is one edit from "--from"); option names are
    /// short, so the full table is fine.
    /// </summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
