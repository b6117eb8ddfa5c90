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
