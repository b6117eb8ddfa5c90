using System.Text;
using AlbLogLambda.Core.Parsing;
using CsCheck;

namespace AlbLogLambda.Core.Tests.Parsing;

public class AlbLogTokenizerTests
{
    private static List<string> Tokens(string line) => Tokens(Encoding.UTF8.GetBytes(line)).Select(Encoding.UTF8.GetString).ToList();

    private static List<byte[]> Tokens(byte[] line)
    {
        var bounds = new FieldBounds[line.Length + 1];
        int count = AlbLogTokenizer.Split(line, bounds);
        return bounds[..count].Select(b => line.AsSpan(b.Start, b.Length).ToArray()).ToList();
    }

    /// <summary>
    /// The splitting rules written the plain way, a search per field: the oracle the bit-mask splitter must agree with.
    /// </summary>
    private static List<byte[]> ReferenceTokens(byte[] line)
    {
        var tokens = new List<byte[]>();
        if (line.Length == 0) return tokens;
        ReadOnlySpan<byte> rest = line;
        while (true)
        {
            if (rest.Length > 0 && rest[0] == (byte)'"')
            {
                int close = rest[1..].IndexOf((byte)'"');
                if (close < 0)
                {
                    tokens.Add(rest[1..].ToArray());
                    return tokens;
                }
                tokens.Add(rest.Slice(1, close).ToArray());
                int after = close + 2;
                if (after >= rest.Length) return tokens;
                rest = rest[after] == (byte)' ' ? rest[(after + 1)..] : rest[after..];
                continue;
            }
            int space = rest.IndexOf((byte)' ');
            if (space < 0)
            {
                tokens.Add(rest.ToArray());
                return tokens;
            }
            tokens.Add(rest[..space].ToArray());
            rest = rest[(space + 1)..];
        }
    }

    [Fact]
    public void Split_QuotedFieldWithSpaces_IsOneToken()
    {
        Assert.Equal(["a", "GET http://x/ HTTP/1.1", "b"], Tokens("a \"GET http://x/ HTTP/1.1\" b"));
    }

    [Fact]
    public void Split_QuotedTokenRunningIntoTheNext_SplitsAtTheClosingQuote()
    {
        Assert.Equal(["-", "1", "2018-07-02T22:22:48.364000Z"], Tokens("\"-\"1 2018-07-02T22:22:48.364000Z"));
    }

    [Fact]
    public void Split_EscapedQuoteInsideQuotes_IsKeptRaw()
    {
        Assert.Equal(["\\x22Mozilla/5.0\\x22 \\xEC\\x97\\x90", "x"], Tokens("\"\\x22Mozilla/5.0\\x22 \\xEC\\x97\\x90\" x"));
    }

    [Fact]
    public void Split_UnterminatedQuote_TakesTheRestOfTheLine()
    {
        Assert.Equal(["a", "cut off here"], Tokens("a \"cut off here"));
    }

    [Fact]
    public void Split_EmptyQuotedField_IsAnEmptyToken()
    {
        Assert.Equal(["a", "", "b"], Tokens("a \"\" b"));
    }

    [Fact]
    public void Split_ArbitraryBytes_NeverThrowsAndStaysInsideTheLine()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var bounds = new FieldBounds[bytes.Length + 1];
            int count = AlbLogTokenizer.Split(bytes, bounds);
            Assert.True(count <= bytes.Length + 1, "more tokens than bytes");
            int consumed = 0;
            foreach (var b in bounds[..count])
            {
                Assert.InRange(b.Start, 0, bytes.Length);
                Assert.InRange(b.Start + b.Length, b.Start, bytes.Length);
                consumed += b.Length;
            }
            Assert.True(consumed <= bytes.Length);
        }, iter: 5000);
    }

    [Fact]
    public void Split_LinesOfSpacesQuotesAndDashesAcrossBlockBoundaries_AgreesWithTheReferenceSplitter()
    {
        // Lengths up to 300 cross several 64-byte blocks, end inside one, and include lines shorter than a block; the
        // alphabet makes quotes open, close, run into the next field and stay unterminated at every position.
        Gen.Select(Gen.Int[0, 300], Gen.Byte[0, 255].Array[300], Gen.Int[0, 3]).Sample((length, noise, flavour) =>
        {
            var line = new byte[length];
            for (int i = 0; i < length; i++)
            {
                line[i] = (noise[i] % (flavour + 4)) switch
                {
                    0 => (byte)' ',
                    1 => (byte)'"',
                    2 => (byte)'-',
                    _ => (byte)('a' + (noise[i] % 26)),
                };
            }
            var expected = ReferenceTokens(line);
            var actual = Tokens(line);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
        }, iter: 20_000);
    }

    [Fact]
    public void Split_MoreFieldsThanRoom_CountsAllAndKeepsTheFirst()
    {
        var line = Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Range(0, 100).Select(i => i % 7 == 0 ? $"\"q {i}\"" : $"f{i}")));
        var bounds = new FieldBounds[33];

        int count = AlbLogTokenizer.Split(line, bounds);

        Assert.Equal(100, count);
        Assert.Equal("q 0", Encoding.UTF8.GetString(line, bounds[0].Start, bounds[0].Length));
        Assert.Equal("f32", Encoding.UTF8.GetString(line, bounds[32].Start, bounds[32].Length));
    }

    [Fact]
    public void Masks_256And128BitPaths_AgreeWithAByteByByteScan()
    {
        // The splitter takes one of the two paths on a given machine; both are checked on every machine.
        Gen.Byte[0, 255].Array[64].Select(Gen.Int[0, 2]).Sample((bytes, density) =>
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] % 4 < density) bytes[i] = (byte)(bytes[i] % 2 == 0 ? ' ' : '"');
            }
            ulong spaces = 0, quotes = 0;
            for (int i = 0; i < 64; i++)
            {
                if (bytes[i] == ' ') spaces |= 1UL << i;
                if (bytes[i] == '"') quotes |= 1UL << i;
            }
            Assert.Equal((spaces, quotes), AlbLogTokenizer.Masks128(ref bytes[0]));
            Assert.Equal((spaces, quotes), AlbLogTokenizer.Masks256(ref bytes[0])); // in software where not accelerated
        }, iter: 5000);
    }

    [Fact]
    public void Split_EmptyLine_HasNoFields()
    {
        Assert.Equal(0, AlbLogTokenizer.Split([], new FieldBounds[4]));
    }

    [Theory]
    [InlineData("a ", new[] { "a", "" })]
    [InlineData("\"a\" ", new[] { "a", "" })]
    [InlineData("\"a\"", new[] { "a" })]
    [InlineData(" ", new[] { "", "" })]
    [InlineData("\"", new[] { "" })]
    public void Split_LineEndingRightAfterASeparator_EndsWithAnEmptyField(string line, string[] expected)
    {
        Assert.Equal(expected, Tokens(line));
    }

    [Fact]
    public void Split_LinesMadeOfSpacesAndQuotes_RoundTripTheirContent()
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
