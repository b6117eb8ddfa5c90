using System.Xml;

namespace AlbLogLambda.Sns;

/// <summary>
/// Reads the SNS query API's XML answers: <c>PublishResponse/PublishResult/MessageId</c> (and <c>SequenceNumber</c>) on
/// success, <c>ErrorResponse/Error/Code</c> and <c>Message</c> on failure. XmlReader, no DTDs, no reflection.
/// </summary>
internal static class SnsResponseParser
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The Publish result's MessageId and SequenceNumber; MessageId is null when the document has none.</summary>
    public static (string? MessageId, string? SequenceNumber) ParsePublishResult(string xml)
    {
        var values = Read(xml, "MessageId", "SequenceNumber");
        return (values[0], values[1]);
    }

    /// <summary>The error's Code and Message; both null when the body is not an SNS error document.</summary>
    public static (string? Code, string? Message) ParseError(string xml)
    {
        var values = Read(xml, "Code", "Message");
        return (values[0], values[1]);
    }

    /// <summary>The text of the first element with each local name (namespaces ignored); null where absent or not XML.</summary>
    private static string?[] Read(string xml, params string[] names)
    {
        var found = new string?[names.Length];
        if (string.IsNullOrWhiteSpace(xml))
        {
            return found;
        }

        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, s_settings);
            reader.MoveToContent();
            while (!reader.EOF)
            {
                var index = reader.NodeType == XmlNodeType.Element ? Array.IndexOf(names, reader.LocalName) : -1;
                if (index >= 0 && found[index] is null && !reader.IsEmptyElement)
                {
                    // Leaves the reader on the node after the element's end: no Read() for this turn.
                    found[index] = reader.ReadElementContentAsString().Trim();
                    continue;
                }

                reader.Read();
            }
        }
        catch (XmlException)
        {
            // Not XML (a proxy's HTML page, a truncated body): keep what was read.
        }

        return found;
    }
}
