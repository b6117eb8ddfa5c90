using System.Xml.Linq;
using AlbLogLambda.Aws;
using AlbLogLambda.Sns;

namespace AlbLogLambda.Tests.Sns;

public sealed class SnsResponseParserTests
{
    [Fact]
    public void ParsePublishResult_FifoResponse_ReadsMessageIdAndSequenceNumber()
    {
        const string xml = """
            <?xml version="1.0"?>
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId><SequenceNumber>10000000000000000001</SequenceNumber></PublishResult>
              <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
            </PublishResponse>
            """;

        Assert.Equal(("94f20ce6-13c5-43a0-9a9e-ca52d816e90b", "10000000000000000001"), SnsResponseParser.ParsePublishResult(XDocument.Parse(xml)));
    }

    [Fact]
    public void ParsePublishResult_StandardTopicResponse_HasNoSequenceNumber() =>
        Assert.Equal(("567910cd", null), SnsResponseParser.ParsePublishResult(XDocument.Parse(
            "<PublishResponse><PublishResult><MessageId> 567910cd </MessageId></PublishResult></PublishResponse>")));

    [Fact]
    public void ParsePublishResult_AnswerWithoutMessageId_ReturnsNull() =>
        Assert.Equal((null, null), SnsResponseParser.ParsePublishResult(XDocument.Parse("<html>proxy page</html>")));

    // SNS's errors are read by the query client, as CloudWatch's and ELBv2's are.
    [Fact]
    public void ParseError_ErrorResponse_ReadsCodeAndUnescapedMessage()
    {
        const string xml = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: Subject &amp; Message</Message></Error>
              <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
            </ErrorResponse>
            """;

        Assert.Equal(("InvalidParameter", "Invalid parameter: Subject & Message"), AwsQueryClient.ParseError(xml));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("upstream connect error")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Error><Code>&e;</Code></Error>")]
    public void ParseError_NotAnSnsErrorDocument_ReturnsNulls(string body) =>
        Assert.Equal((null, null), AwsQueryClient.ParseError(body));
}
