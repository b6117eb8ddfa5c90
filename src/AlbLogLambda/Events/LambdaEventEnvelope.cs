using System.Text.Json.Serialization;

namespace AlbLogLambda.Events;

// Wire shapes of the events the function accepts, deserialized with FunctionJsonContext (source generated, no
// reflection). One envelope type carries the top-level properties of every accepted shape, so a document is read once
// and recognized by which properties it has. Unknown properties are ignored: AWS adds fields in minor versions.

/// <summary>
/// The union of the accepted top-level shapes: S3 notification and SQS batch (<c>Records</c>), S3 test event
/// (<c>Service</c>, <c>Event</c>), EventBridge (<c>source</c>, <c>detail-type</c>, <c>detail</c>) and, inside an SQS
/// body, an SNS notification (<c>Type</c>, <c>Message</c>).
/// </summary>
internal sealed class LambdaEventEnvelope
{
    [JsonPropertyName("Records")]
    public List<LambdaEventRecord>? Records { get; init; }

    [JsonPropertyName("Service")]
    public string? Service { get; init; }

    [JsonPropertyName("Event")]
    public string? Event { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    [JsonPropertyName("detail")]
    public EventBridgeS3Detail? Detail { get; init; }

    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    [JsonPropertyName("Message")]
    public string? Message { get; init; }
}

/// <summary>A <c>Records[]</c> entry: an S3 notification record or an SQS message.</summary>
internal sealed class LambdaEventRecord
{
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("eventVersion")]
    public string? EventVersion { get; init; }

    [JsonPropertyName("eventName")]
    public string? EventName { get; init; }

    [JsonPropertyName("s3")]
    public S3NotificationEntity? S3 { get; init; }

    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>An SQS message's system attributes (<c>ApproximateReceiveCount</c> among them).</summary>
    [JsonPropertyName("attributes")]
    public SqsMessageAttributes? Attributes { get; init; }
}

/// <summary>The system attributes of an SQS message as Lambda passes them (every value a string).</summary>
internal sealed class SqsMessageAttributes
{
    [JsonPropertyName("ApproximateReceiveCount")]
    public string? ApproximateReceiveCount { get; init; }
}

/// <summary>The <c>s3</c> member of an S3 notification record.</summary>
internal sealed class S3NotificationEntity
{
    [JsonPropertyName("bucket")]
    public S3NotificationBucket? Bucket { get; init; }

    [JsonPropertyName("object")]
    public S3NotificationObject? Object { get; init; }
}

internal sealed class S3NotificationBucket
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

/// <summary>The <c>s3.object</c> member: <c>key</c> is URL-encoded (form encoding: '+' is a space).</summary>
internal sealed class S3NotificationObject
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("eTag")]
    public string? ETag { get; init; }
}

/// <summary>The <c>detail</c> of an EventBridge event from S3 (kebab-case, <c>etag</c> not <c>eTag</c>).</summary>
internal sealed class EventBridgeS3Detail
{
    [JsonPropertyName("bucket")]
    public S3NotificationBucket? Bucket { get; init; }

    [JsonPropertyName("object")]
    public EventBridgeS3Object? Object { get; init; }
}

internal sealed class EventBridgeS3Object
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("etag")]
    public string? ETag { get; init; }
}
