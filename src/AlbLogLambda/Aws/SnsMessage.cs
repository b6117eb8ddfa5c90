namespace AlbLogLambda.Aws;

/// <summary>One SNS Publish request, as the publisher sends it (the caller builds subject, body and attributes).</summary>
/// <param name="TopicArn">The topic; its region is the signing region when AWS_REGION is not set.</param>
/// <param name="Subject">The e-mail subject line; omitted when empty (SNS: under 100 characters, no line breaks).</param>
/// <param name="Body">The message, UTF-8, at most 256 KB together with the attributes.</param>
/// <param name="Attributes">Message attributes (at most 10 for raw-delivery SQS subscriptions, spec §9.3).</param>
/// <param name="MessageGroupId">Required for FIFO topics; null for standard topics.</param>
/// <param name="MessageDeduplicationId">FIFO deduplication id; null to rely on content-based deduplication or none.</param>
internal sealed record SnsMessage(
    string TopicArn,
    string Subject,
    string Body,
    IReadOnlyList<SnsMessageAttribute> Attributes,
    string? MessageGroupId,
    string? MessageDeduplicationId);

/// <summary>One SNS message attribute, sent as <c>Value.StringValue</c>.</summary>
/// <param name="Name">The attribute name (A-Z a-z 0-9 _ - .; not starting with AWS. or Amazon.).</param>
/// <param name="DataType"><c>String</c>, <c>Number</c> or <c>String.Array</c>.</param>
/// <param name="Value">The value as text (a number in decimal for <c>Number</c>).</param>
internal sealed record SnsMessageAttribute(string Name, string DataType, string Value);

/// <summary>What SNS answered to a successful Publish.</summary>
/// <param name="MessageId">The id SNS assigned to the message.</param>
/// <param name="SequenceNumber">FIFO topics only: the message's sequence number.</param>
/// <param name="Attempts">How many requests it took (1 when the first one succeeded).</param>
internal sealed record SnsPublishResult(string MessageId, string? SequenceNumber, int Attempts);
