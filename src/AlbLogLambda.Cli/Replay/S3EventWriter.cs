using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AlbLogLambda.Cli.Replay;

/// <summary>
/// S3 event notifications (the document S3 sends to Lambda, SQS or SNS) for listed objects: one record per object,
/// keys encoded as S3 encodes them, so the events work with <c>sam local invoke -e</c>, <c>sam remote invoke
/// --event-file</c>, <c>aws lambda invoke</c> and <c>alblog invoke --event</c>.
/// </summary>
internal static class S3EventWriter
{
    /// <summary>The <c>s3.configurationId</c> of replayed records (a notification configuration's name in real events).</summary>
    public const string ConfigurationId = "alblog-replay";

    // Relaxed escaping: a '+' in an encoded key stays '+' (the default encoder would write \u002B; valid JSON, but not
    // what S3 writes). Quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions s_indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The key as S3 writes it into notifications: form encoding, a space as <c>+</c> and every other byte outside
    /// <c>A-Z a-z 0-9 - _ . *</c> of the key's UTF-8 as <c>%XX</c>, except <c>/</c>, which S3 leaves as it is.
    /// <c>WebUtility.UrlDecode</c> (what the function uses) turns it back into the key.
    /// </summary>
    public static string EncodeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = Encoding.UTF8.GetBytes(key);
        var encoded = new StringBuilder(bytes.Length + 16);
        foreach (byte b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'*' or (byte)'/')
            {
                encoded.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                encoded.Append('+');
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    /// <summary>One S3 event notification with a record per object, in the order given.</summary>
    public static byte[] Notification(IReadOnlyList<ListedObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_indented))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            foreach (var o in objects) WriteRecord(json, o);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter json, ListedObject o)
    {
        json.WriteStartObject();
        json.WriteString("eventVersion", "2.1");
        json.WriteString("eventSource", "aws:s3");
        json.WriteString("awsRegion", o.Parsed.Region);
        json.WriteString("eventTime", (o.LastModified ?? o.Parsed.EndTime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("eventName", "ObjectCreated:Put");
        json.WriteStartObject("userIdentity");
        json.WriteString("principalId", "alblog-replay");
        json.WriteEndObject();
        json.WriteStartObject("requestParameters");
        json.WriteString("sourceIPAddress", o.Parsed.NodeAddress);
        json.WriteEndObject();
        json.WriteStartObject("responseElements");
        json.WriteEndObject();
        json.WriteStartObject("s3");
        json.WriteString("s3SchemaVersion", "1.0");
        json.WriteString("configurationId", ConfigurationId);
        json.WriteStartObject("bucket");
        json.WriteString("name", o.Bucket);
        json.WriteString("arn", "arn:aws:s3:::" + o.Bucket);
        json.WriteEndObject();
        json.WriteStartObject("object");
        json.WriteString("key", EncodeKey(o.Key));
        json.WriteNumber("size", o.Size);
        if (o.ETag is not null) json.WriteString("eTag", o.ETag);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
