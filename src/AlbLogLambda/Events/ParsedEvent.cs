namespace AlbLogLambda.Events;

/// <summary>What invoked the function.</summary>
internal enum EventSourceKind
{
    /// <summary>A direct S3 event notification (<c>Records[].eventSource = aws:s3</c>).</summary>
    S3Notification,

    /// <summary>An EventBridge event from S3 (<c>source = aws.s3</c>).</summary>
    EventBridge,

    /// <summary>An SQS batch (<c>Records[].eventSource = aws:sqs</c>); each message body carries one of the other shapes.</summary>
    Sqs,

    /// <summary>The <c>s3:TestEvent</c> S3 sends when a notification configuration is saved.</summary>
    TestEvent,
}

/// <summary>The objects an invocation asks the function to process, grouped by the unit that succeeds or fails together.</summary>
/// <param name="Kind">The event's shape.</param>
/// <param name="Messages">
/// One entry per SQS message (batch item failures are reported per message), per S3 notification record, or one for an
/// EventBridge or test event.
/// </param>
internal sealed record ParsedEvent(EventSourceKind Kind, IReadOnlyList<EventMessage> Messages);

/// <summary>One unit of work: the objects to process, or why there are none.</summary>
/// <param name="SqsMessageId">The SQS <c>messageId</c> (the batch item identifier); null outside SQS.</param>
/// <param name="Objects">The created objects to process; empty when the unit is skipped.</param>
/// <param name="SkipReason">
/// Set exactly when <paramref name="Objects"/> is empty: why nothing is to be done (test event, not an ObjectCreated
/// event, unparseable body). A skip is permanent: retrying the same message would skip it again.
/// </param>
internal sealed record EventMessage(string? SqsMessageId, IReadOnlyList<S3ObjectRef> Objects, string? SkipReason);

/// <summary>An S3 object named by an event.</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Key">
/// The object key as S3 names it: URL-decoded for S3 notifications; as given for EventBridge (whose key encoding is not
/// documented, spec §9.2: a caller that gets NoSuchKey for a key containing '%' or '+' may retry once with
/// <c>WebUtility.UrlDecode(Key)</c>).
/// </param>
/// <param name="ETag">The entity tag without quotes, if the event carries one.</param>
/// <param name="Size">The object size in bytes, if the event carries it.</param>
internal sealed record S3ObjectRef(string Bucket, string Key, string? ETag, long? Size);
