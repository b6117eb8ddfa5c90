using System.Xml.Linq;
using AlbLogLambda.Aws;

namespace AlbLogLambda.Sns;

/// <summary>
/// Reads SNS's answer to Publish: <c>PublishResponse/PublishResult/MessageId</c> (and <c>SequenceNumber</c> for FIFO
/// topics). Errors are read by <see cref="AwsQueryClient"/>, as for every query API.
/// </summary>
internal static class SnsResponseParser
{
    /// <summary>The Publish result's MessageId and SequenceNumber; MessageId is null when the document has none.</summary>
    public static (string? MessageId, string? SequenceNumber) ParsePublishResult(XDocument answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var result = answer.Root?.Find("PublishResult") ?? answer.Root;
        return (Text(result?.Find("MessageId")), Text(result?.Find("SequenceNumber")));
    }

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;
}
