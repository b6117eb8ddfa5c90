using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Tests.Parsing;

/// <summary>
/// A deliberately naive splitter written from the field rules of docs/log-format.md for these tests only
/// (independent of the product's tokenizer): fields are separated by single spaces; a field that starts
/// with a quote runs to the next quote, and ends there even when no space follows. Quotes are stripped.
/// </summary>
internal static class ReferenceSplitter
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    fields.Add(line[(i + 1)..]);
                    break;
                }
                fields.Add(line[(i + 1)..close]);
                i = close + 1;
                if (i < line.Length && line[i] == ' ')
                {
                    i++;
                }
            }
            else
            {
                int space = line.IndexOf(' ', i);
                if (space < 0)
                {
                    fields.Add(line[i..]);
                    break;
                }
                fields.Add(line[i..space]);
                i = space + 1;
            }
        }
        return fields;
    }

    /// <summary>The named field of a split line (throws when the line is shorter).</summary>
    public static string At(this IReadOnlyList<string> fields, AlbLogField field) => fields[(int)field];
}
