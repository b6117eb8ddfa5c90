using System.Text;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Removes query strings from URLs in report text: query strings carry tokens and personal data.</summary>
/// <remarks>
/// Report text holds whole log lines (samples) and parts of them. ALB never writes a raw <c>"</c> inside a quoted
/// field, so each quoted part is one field, and a field can hold raw spaces: the request line keeps the URL as the
/// client sent it (<c>"GET https://h:443/a b?token=x HTTP/1.1"</c>), and a redirect or rewritten URL may too. So:
/// <list type="bullet">
/// <item>a quoted request line (a method, then a URL or path) loses everything from its first <c>?</c> up to its
/// last <c> HTTP/</c> (the version), or to the end of the field when there is no version;</item>
/// <item>a quoted field that is a URL or path (<c>redirect_url</c>, <c>transformed_uri</c>) loses everything from its
/// first <c>?</c> to the end of the field;</item>
/// <item>anywhere else, a token holding <c>://</c> or starting with <c>/</c> loses its <c>?query</c> up to the next space
/// or quote.</item>
/// </list>
/// More is cut than needed rather than less: a leaked token costs more than a shortened sample.
/// </remarks>
public static class UrlRedaction
{
    /// <summary>Cuts every query string from <paramref name="text"/>; text without one comes back unchanged.</summary>
    public static string RemoveQueryStrings(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('?', StringComparison.Ordinal)) return text;
        var result = new StringBuilder(text.Length);
        int at = 0;
        while (at < text.Length)
        {
            int quote = text.IndexOf('"', at);
            if (quote < 0)
            {
                RedactTokens(result, text.AsSpan(at));
                break;
            }
            RedactTokens(result, text.AsSpan(at, quote - at));
            // A field cut off before its closing quote (a shortened sample) runs to the end of the text.
            int close = text.IndexOf('"', quote + 1);
            int end = close < 0 ? text.Length : close;
            result.Append('"');
            RedactField(result, text.AsSpan(quote + 1, end - quote - 1));
            if (close >= 0) result.Append('"');
            at = end + 1;
        }
        return result.ToString();
    }

    private static void RedactField(StringBuilder result, ReadOnlySpan<char> field)
    {
        int question = field.IndexOf('?');
        if (question < 0)
        {
            result.Append(field);
            return;
        }
        if (IsRequestLine(field))
        {
            // The URL runs to the last " HTTP/": raw spaces in it are part of it, not its end.
            int version = field.LastIndexOf(" HTTP/", StringComparison.Ordinal);
            result.Append(field[..question]);
            if (version > question) result.Append(field[version..]);
            return;
        }
        if (IsUrl(field))
        {
            result.Append(field[..question]);
            return;
        }
        RedactTokens(result, field);
    }

    /// <summary>A method (no space, no <c>?</c>), a space, then a URL or path: <c>GET https://h:443/p?q HTTP/1.1</c>.</summary>
    private static bool IsRequestLine(ReadOnlySpan<char> field)
    {
        int space = field.IndexOf(' ');
        if (space <= 0 || field[..space].Contains('?')) return false;
        var rest = field[(space + 1)..];
        int tokenEnd = rest.IndexOfAny(' ', '?');
        return IsUrl(tokenEnd < 0 ? rest : rest[..tokenEnd]);
    }

    private static bool IsUrl(ReadOnlySpan<char> token)
    {
        if (token.StartsWith('/')) return true;
        int scheme = token.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 && !token[..scheme].ContainsAny(' ', '?');
    }

    /// <summary>Outside a field's known shape: each space-separated token holding a URL or path loses its query.</summary>
    private static void RedactTokens(StringBuilder result, ReadOnlySpan<char> text)
    {
        int copied = 0;
        int question = text.IndexOf('?');
        while (question >= 0)
        {
            int tokenStart = text[..question].LastIndexOf(' ') + 1;
            var token = text[tokenStart..question];
            int end = text[question..].IndexOf(' ');
            end = end < 0 ? text.Length : question + end;
            if (token.Contains("://", StringComparison.Ordinal) || token.StartsWith('/'))
            {
                result.Append(text[copied..question]);
                copied = end;
            }
            if (end >= text.Length) break;
            int next = text[end..].IndexOf('?');
            question = next < 0 ? -1 : end + next;
        }
        result.Append(text[copied..]);
    }
}
