using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Tests.Rendering;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("\"GET https://x.example.com:443/a?token=s3cret HTTP/1.1\"", "\"GET https://x.example.com:443/a HTTP/1.1\"")]
    [InlineData("\"GET /path?x=1 HTTP/1.1\" \"https://r.example.com/?y=2\"", "\"GET /path HTTP/1.1\" \"https://r.example.com/\"")]
    [InlineData("no query here", "no query here")]
    [InlineData("\"Mozilla/5.0 (compatible; what?)\"", "\"Mozilla/5.0 (compatible; what?)\"")]
    [InlineData("https://a/?", "https://a/")]
    public void RemoveQueryStrings_UrlsAndPaths_LoseTheirQueryOnly(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.RemoveQueryStrings(text));
    }
}
