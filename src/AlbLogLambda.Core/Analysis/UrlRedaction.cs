using System.Text;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Removes query strings from URLs in report text: query strings carry tokens and personal data.</summary>
public static class UrlRedaction
{
    /// <summary>
    /// Cuts every <c>?query</c> that follows a URL or path (a token holding <c>://</c> or starting with
    /// <c>/</c>) up to the next space or quote. Text without such a query comes back unchanged.
    /// </summary>
    public static string RemoveQueryStrings(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int question = text.IndexOf('?', StringComparison.Ordinal);
        if (question < 0) return text;
        var result = new StringBuilder(text.Length);
        int copied = 0;
        while (question >= 0)
        {
            int tokenStart = text.LastIndexOfAny([' ', '"'], question) + 1;
            var token = text.AsSpan(tokenStart, question - tokenStart);
            int end = text.IndexOfAny([' ', '"'], question);
            if (end < 0) end = text.Length;
            if (token.Contains("://", StringComparison.Ordinal) || token.StartsWith('/'))
            {
                result.Append(text, copied, question - copied);
                copied = end;
            }
            question = end < text.Length ? text.IndexOf('?', end) : -1;
        }
        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }
}
