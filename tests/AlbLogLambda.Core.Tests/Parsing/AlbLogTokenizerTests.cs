using System.Text;
using AlbLogLambda.Core.Parsing;
using CsCheck;

namespace AlbLogLambda.Core.Tests.Parsing;

public class AlbLogTokenizerTests
{
    private static List<string> Tokens(string line)
    {
        var tokenizer = new AlbLogTokenizer(Encoding.UTF8.GetBytes(line));
        var tokens = new List<string>();
        while (tokenizer.Next(out var token)) tokens.Add(Encoding.UTF8.GetString(token));
        return tokens;
    }

    [Fact]
    public void Next_QuotedFieldWithSpaces_IsOneToken()
    {
        Assert.Equal(["a", "GET http://x/ HTTP/1.1", "b"], Tokens("a \"GET http://x/ HTTP/1.1\" b"));
    }

    [Fact]
    public void Next_QuotedTokenRunningIntoTheNext_SplitsAtTheClosingQuote()
    {
        Assert.Equal(["-", "1", "2018-07-02T22:22:48.364000Z"], Tokens("\"-\"1 2018-07-02T22:22:48.364000Z"));
    }

    [Fact]
    public void Next_EscapedQuoteInsideQuotes_IsKeptRaw()
    {
        Assert.Equal(["\\x22Mozilla/5.0\\x22 \\xEC\\x97\\x90", "x"], Tokens("\"\\x22Mozilla/5.0\\x22 \\xEC\\x97\\x90\" x"));
    }

    [Fact]
    public void Next_UnterminatedQuote_TakesTheRestOfTheLine()
    {
        Assert.Equal(["a", "cut off here"], Tokens("a \"cut off here"));
    }

    [Fact]
    public void Next_EmptyQuotedField_IsAnEmptyToken()
    {
        Assert.Equal(["a", "", "b"], Tokens("a \"\" b"));
    }

    [Fact]
    public void Next_ArbitraryBytes_NeverThrowsAndStaysInsideTheLine()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var tokenizer = new AlbLogTokenizer(bytes);
            int consumed = 0;
            int count = 0;
            while (tokenizer.Next(out var token))
            {
                Assert.True(token.Length <= bytes.Length);
                consumed += token.Length;
                Assert.True(++count <= bytes.Length + 1, "more tokens than bytes");
            }
            Assert.True(consumed <= bytes.Length);
        }, iter: 5000);
    }

    [Fact]
    public void Next_LinesMadeOfSpacesAndQuotes_RoundTripTheirContent()
    {
        // Any line built from fields (quoted or not) without inner quotes tokenizes back to those fields.
        var field = Gen.String[Gen.Char["abc-:/.0 "], 0, 12];
        Gen.Select(field.Array[1, 40], Gen.Bool.Array[40]).Sample((fields, quoted) =>
        {
            var parts = fields.Select((f, i) => quoted[i] || f.Contains(' ') || f.Length == 0 ? "\"" + f + "\"" : f);
            Assert.Equal(fields, Tokens(string.Join(' ', parts)));
        }, iter: 3000);
    }
}
