namespace AlbLogLambda.Sns;

/// <summary>One SNS Publish request, as the publisher sends it (the caller builds subject, body and attributes).</summary>
/// <param name="TopicArn">The topic (empty in a dry run); its region is the signing region when AWS_REGION is not set.</param>
/// <param name="Subject">The e-mail subject line; omitted when empty (SNS: under 100 characters, no line breaks).</param>
/// <param name="Body">The message, UTF-8, at most 256 KB together with the attributes.</param>
/// <param name="Attributes">Message attributes (at most 10 reach a raw-delivery SQS subscription as SQS message attributes).</param>
/// <param name="MessageGroupId">Required for FIFO topics; null for standard topics.</param>
/// <param name="MessageDeduplicationId">FIFO deduplication id; null to rely on content-based deduplication or none.</param>
public sealed record SnsMessage(
    string TopicArn,
    string Subject,
    string Body,
    IReadOnlyList<SnsMessageAttribute> Attributes,
    string? MessageGroupId,
    string? MessageDeduplicationId)
{
    /// <summary>SNS's limit for one message, body and attributes together (UTF-8 bytes): 256 KiB.</summary>
    public const int MaxSizeInBytes = 262_144;

    /// <summary>The bytes SNS counts against its 256 KB limit: the body plus every attribute's name, type and value.</summary>
    public int SizeInBytes => System.Text.Encoding.UTF8.GetByteCount(Body) + Attributes.Sum(a => a.SizeInBytes);
}
