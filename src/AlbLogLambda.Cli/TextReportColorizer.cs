using System.Text;

namespace AlbLogLambda.Cli;

/// <summary>
/// Colours the text report for a terminal, line by line, without changing a character of it (remove the escape
/// sequences and the report is what a pipe gets): the headline and section headings bold, each cause's id and count
/// bold cyan, hypotheses cyan, confidence green (high), yellow (medium) or dim (low).
/// </summary>
/// <remarks>
/// A decorator over the rendered text rather than an option of the Core renderer, which knows no terminal; it relies
/// only on the report's line shapes ("1. id: N (origin o, confidence c)", "   Hypothesis id: N (confidence c)").
/// </remarks>
internal static class TextReportColorizer
{
    public const string Reset = "\e[0m";
    public const string Bold = "\e[1m";
    public const string Dim = "\e[2m";
    public const string Cyan = "\e[36m";
    public const string BoldCyan = "\e[1;36m";
    public const string Green = "\e[32m";
    public const string Yellow = "\e[33m";

    private const string HypothesisPrefix = "   Hypothesis ";

    public static string Colorize(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var output = new StringBuilder(report.Length + (report.Length / 8));
        foreach (var line in report.Split('\n'))
        {
            AppendLine(output, line);
            output.Append('\n');
        }
        output.Length--; // Split gives one more piece than there are newlines.
        return output.ToString();
    }

    /// <summary>The same text with every escape sequence removed.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\e' && i + 1 < text.Length && text[i + 1] == '[')
            {
                int end = text.IndexOf('m', i);
                if (end > 0)
                {
                    i = end;
                    continue;
                }
            }
            plain.Append(text[i]);
        }
        return plain.ToString();
    }

    private static void AppendLine(StringBuilder output, string line)
    {
        if (line.Length == 0)
        {
            return;
        }
        if (line.StartsWith("HTTP 502 triage:", StringComparison.Ordinal) || IsSectionHeading(line))
        {
            output.Append(Bold).Append(line).Append(Reset);
        }
        else if (CauseHeading(line) is { } cause)
        {
            // "1. " + "id: N" + " (origin o, confidence c)..."
            output.Append(line, 0, cause.IdStart).Append(BoldCyan).Append(line, cause.IdStart, cause.CountEnd - cause.IdStart).Append(Reset);
            AppendWithConfidence(output, line, cause.CountEnd);
        }
        else if (line.StartsWith(HypothesisPrefix, StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon)
        {
            int countEnd = line.IndexOf(' ', colon + 2) is > 0 and var space ? space : line.Length;
            output.Append(HypothesisPrefix).Append(Cyan).Append(line, HypothesisPrefix.Length, colon - HypothesisPrefix.Length).Append(Reset)
                .Append(": ").Append(Bold).Append(line, colon + 2, countEnd - colon - 2).Append(Reset);
            AppendWithConfidence(output, line, countEnd);
        }
        else
        {
            output.Append(line);
        }
    }

    /// <summary>A heading of its own: no indent, no colon, not a number ("Causes, most frequent first", "Worst targets").</summary>
    private static bool IsSectionHeading(string line) =>
        !char.IsWhiteSpace(line[0]) && !char.IsAsciiDigit(line[0]) && !line.Contains(':', StringComparison.Ordinal);

    /// <summary>"12. id: N ..." → where the id starts and the count ends; null for any other line.</summary>
    private static (int IdStart, int CountEnd)? CauseHeading(string line)
    {
        int i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        if (i == 0 || i + 1 >= line.Length || line[i] != '.' || line[i + 1] != ' ') return null;
        int idStart = i + 2;
        int colon = line.IndexOf(": ", idStart, StringComparison.Ordinal);
        if (colon < 0 || line.AsSpan(idStart, colon - idStart).Contains(' ')) return null;
        int countEnd = colon + 2;
        while (countEnd < line.Length && (char.IsAsciiDigit(line[countEnd]) || line[countEnd] == ',')) countEnd++;
        return countEnd > colon + 2 ? (idStart, countEnd) : null;
    }

    /// <summary>Appends line[start..], the word after "confidence " coloured by its level.</summary>
    private static void AppendWithConfidence(StringBuilder output, string line, int start)
    {
        const string Marker = "confidence ";
        int at = line.IndexOf(Marker, start, StringComparison.Ordinal);
        if (at < 0)
        {
            output.Append(line, start, line.Length - start);
            return;
        }
        int wordStart = at + Marker.Length;
        int wordEnd = wordStart;
        while (wordEnd < line.Length && char.IsAsciiLetterLower(line[wordEnd])) wordEnd++;
        string? color = line.AsSpan(wordStart, wordEnd - wordStart) switch
        {
            "high" => Green,
            "medium" => Yellow,
            "low" => Dim,
            _ => null,
        };
        output.Append(line, start, wordStart - start);
        if (color is null) output.Append(line, wordStart, wordEnd - wordStart);
        else output.Append(color).Append(line, wordStart, wordEnd - wordStart).Append(Reset);
        output.Append(line, wordEnd, line.Length - wordEnd);
    }
}
