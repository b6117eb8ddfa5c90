using System.Buffers;
using System.Globalization;
using System.Text;

namespace AlbLogLambda.Core.Rendering;

/// <summary>
/// Makes text from a log safe to print where a person reads it (a terminal, an e-mail, a log line): control
/// characters are written as visible escapes, so a user agent or target name cannot move the cursor, retitle the
/// terminal (OSC), ring the bell, overwrite a line (CR) or start a new one.
/// </summary>
/// <remarks>
/// C0 controls (U+0000 to U+001F), DEL and the C1 controls (U+0080 to U+009F, NEL among them) become <c>\xHH</c>,
/// as ALB itself writes bytes it will not log raw; the line and paragraph separators U+2028 and U+2029, which some
/// readers break lines at, become <c>\u2028</c> and <c>\u2029</c>. Everything else is unchanged. JSON needs none of
/// this: its writer escapes control characters itself.
/// </remarks>
public static class InertText
{
    private static readonly SearchValues<char> s_unsafe = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)) + "\u2028\u2029");

    /// <summary>The text with every control character escaped; the same instance when there is none.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        int first = text.AsSpan().IndexOfAny(s_unsafe);
        if (first < 0) return text;
        var result = new StringBuilder(text.Length + 16);
        result.Append(text, 0, first);
        foreach (char c in text.AsSpan(first))
        {
            if (c is '\u2028' or '\u2029')
            {
                result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (c < 0x20 || c is >= '\u007F' and <= '\u009F')
            {
                result.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
