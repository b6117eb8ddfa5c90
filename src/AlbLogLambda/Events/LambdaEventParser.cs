using System.Globalization;
using System.Net;
using System.Text.Json;
using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Events;

/// <summary>
/// Turns an invocation payload into the S3 objects to process: a direct S3 event notification, an
/// EventBridge "Object Created" event, an S3 test event, or an SQS batch whose bodies are any of those or an SNS
/// notification wrapping an S3 notification.
/// </summary>
internal static class LambdaEventParser
{
    private const string ObjectCreatedPrefix = "ObjectCreated:";
    private const string TestEventName = "s3:TestEvent";

    /// <summary>Parses an invocation payload.</summary>
    /// <exception cref="FormatException">
    /// The payload is not JSON, or is none of the accepted shapes. Problems inside one SQS message never throw: that
    /// message gets a <see cref="BatchMessage.SkipReason"/> and the rest of the batch is processed.
    /// </exception>
    public static ParsedEvent Parse(ReadOnlySpan<byte> json)
    {
        LambdaEventEnvelope envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, FunctionJsonContext.Default.LambdaEventEnvelope)
                ?? throw new FormatException("The invocation payload is JSON null, not an event.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The invocation payload is not a JSON event document: {ex.Message}", ex);
        }

        if (envelope.Records is { } records)
        {
            if (records.Count == 0)
            {
                throw new FormatException("The invocation payload has an empty Records array.");
            }

            return records[0].EventSource switch
            {
                "aws:sqs" => new ParsedEvent(EventSourceKind.Sqs, records.Select(SqsMessage).ToArray()),
                "aws:s3" => new ParsedEvent(EventSourceKind.S3Notification, records.Select(S3RecordMessage).ToArray()),
                var other => throw new FormatException(
                    $"The invocation payload has Records from event source '{other ?? "(none)"}'; expected aws:s3 or aws:sqs."),
            };
        }

        if (IsTestEvent(envelope))
        {
            return new ParsedEvent(EventSourceKind.TestEvent, [Skipped(null, TestEventReason(envelope))]);
        }

        if (envelope.Source is not null && envelope.DetailType is not null)
        {
            return new ParsedEvent(EventSourceKind.EventBridge, [EventBridgeMessage(envelope, sqsMessageId: null)]);
        }

        throw new FormatException(
            "The invocation payload is not an S3 event notification, an S3 test event, an EventBridge event or an SQS batch.");
    }

    /// <summary>One SQS message: its body is parsed on its own, and any problem becomes the message's skip reason.</summary>
    private static BatchMessage SqsMessage(LambdaEventRecord record)
    {
        var id = record.MessageId;
        if (record.EventSource != "aws:sqs")
        {
            return Skipped(id, $"record from event source '{record.EventSource ?? "(none)"}' in an SQS batch");
        }

        if (string.IsNullOrEmpty(record.Body))
        {
            return Skipped(id, "SQS message body is empty");
        }

        LambdaEventEnvelope body;
        try
        {
            body = JsonSerializer.Deserialize(record.Body, FunctionJsonContext.Default.LambdaEventEnvelope)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            return Skipped(id, $"SQS message body is not a JSON event document: {ex.Message}{NamedKeys(record.Body)}");
        }

        if (body.Type == "Notification" && body.Message is { } snsMessage)
        {
            // SNS topic → SQS queue (raw message delivery off): the S3 or EventBridge document is the Message string.
            try
            {
                body = JsonSerializer.Deserialize(snsMessage, FunctionJsonContext.Default.LambdaEventEnvelope)
                    ?? throw new JsonException("the Message is JSON null");
            }
            catch (JsonException ex)
            {
                return Skipped(id, $"SNS notification in SQS message has a Message that is not a JSON event document: {ex.Message}{NamedKeys(snsMessage)}");
            }
        }

        return BodyMessage(body, id) with { ReceiveCount = ReceiveCount(record) };
    }

    /// <summary>
    /// The object keys a damaged document still names, read up to the point where it breaks, so that the log line of a
    /// dropped message says which objects were not analyzed: "; it names key(s) a, b", or nothing.
    /// </summary>
    internal static string NamedKeys(string document)
    {
        var keys = new List<string>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(document), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            bool nextIsKey = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName) nextIsKey = reader.ValueTextEquals("key"u8);
                else if (nextIsKey && reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } key) keys.Add(key);
                else nextIsKey = false;
            }
        }
        catch (JsonException)
        {
            // Expected: the document is damaged; what was read before the damage is kept.
        }
        return keys.Count == 0 ? "" : $"; it names {(keys.Count == 1 ? "key" : "keys")} {string.Join(", ", keys.Distinct(StringComparer.Ordinal))}";
    }

    /// <summary>SQS's ApproximateReceiveCount: this delivery's number, the first being 1; null when absent.</summary>
    private static int? ReceiveCount(LambdaEventRecord record) =>
        int.TryParse(record.Attributes?.ApproximateReceiveCount, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0 ? count : null;

    /// <summary>An event document found inside an SQS body (after unwrapping SNS).</summary>
    private static BatchMessage BodyMessage(LambdaEventEnvelope body, string? sqsMessageId)
    {
        if (body.Records is { Count: > 0 } records)
        {
            var objects = new List<LogObjectRef>();
            var reasons = new List<string>();
            foreach (var record in records)
            {
                if (record.EventSource != "aws:s3")
                {
                    reasons.Add($"record from event source '{record.EventSource ?? "(none)"}' is not an S3 notification");
                    continue;
                }

                var message = S3RecordMessage(record);
                objects.AddRange(message.Objects);
                if (message.SkipReason is { } reason)
                {
                    reasons.Add(reason);
                }
            }

            return objects.Count > 0
                ? new BatchMessage(sqsMessageId, objects, null)
                : Skipped(sqsMessageId, string.Join("; ", reasons.Distinct(StringComparer.Ordinal)));
        }

        if (IsTestEvent(body))
        {
            return Skipped(sqsMessageId, TestEventReason(body));
        }

        if (body.Source is not null && body.DetailType is not null)
        {
            return EventBridgeMessage(body, sqsMessageId);
        }

        return Skipped(sqsMessageId,
            "SQS message body is not an S3 event notification, an S3 test event, an EventBridge event or an SNS notification");
    }

    /// <summary>A direct S3 notification record: ObjectCreated:* with eventVersion 2.x; the key is URL-decoded.</summary>
    private static BatchMessage S3RecordMessage(LambdaEventRecord record)
    {
        if (record.EventSource != "aws:s3")
        {
            return Skipped(null, $"record from event source '{record.EventSource ?? "(none)"}' is not an S3 notification");
        }

        if (!IsVersion2(record.EventVersion))
        {
            return Skipped(null, $"S3 notification eventVersion '{record.EventVersion ?? "(none)"}' is not 2.x");
        }

        if (record.EventName is not { } name || !name.StartsWith(ObjectCreatedPrefix, StringComparison.Ordinal))
        {
            return Skipped(null, $"S3 event '{record.EventName ?? "(none)"}' is not ObjectCreated");
        }

        var bucket = record.S3?.Bucket?.Name;
        var key = record.S3?.Object?.Key;
        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key))
        {
            return Skipped(null, "S3 notification record has no s3.bucket.name or s3.object.key");
        }

        // S3 encodes notification keys as a form does: '+' is a space, %XX are UTF-8 bytes; Uri.UnescapeDataString would keep '+'.
        var decoded = WebUtility.UrlDecode(key);
        return new BatchMessage(null, [new LogObjectRef(bucket, decoded, EntityTag.Unquote(record.S3!.Object!.ETag), record.S3.Object.Size)], null);
    }

    /// <summary>
    /// An EventBridge event: only <c>aws.s3</c> "Object Created". AWS does not document whether EventBridge encodes the
    /// key, so it is used as given and marked for one URL-decoded retry if it is not found.
    /// </summary>
    private static BatchMessage EventBridgeMessage(LambdaEventEnvelope envelope, string? sqsMessageId)
    {
        if (envelope.Source != "aws.s3")
        {
            return Skipped(sqsMessageId, $"EventBridge event from source '{envelope.Source}' is not from S3");
        }

        if (envelope.DetailType != "Object Created")
        {
            return Skipped(sqsMessageId, $"EventBridge S3 event '{envelope.DetailType}' is not Object Created");
        }

        var bucket = envelope.Detail?.Bucket?.Name;
        var key = envelope.Detail?.Object?.Key;
        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key))
        {
            return Skipped(sqsMessageId, "EventBridge Object Created event has no detail.bucket.name or detail.object.key");
        }

        var obj = envelope.Detail!.Object!;
        return new BatchMessage(sqsMessageId, [new LogObjectRef(bucket, key, EntityTag.Unquote(obj.ETag), obj.Size, KeyMayBeUrlEncoded: true)], null);
    }

    private static bool IsTestEvent(LambdaEventEnvelope envelope) => envelope.Event == TestEventName;

    private static string TestEventReason(LambdaEventEnvelope envelope) =>
        $"S3 test event ({envelope.Service ?? "unknown service"}): no object to process";

    /// <summary>Accepts any 2.x: AWS's minor versions of the notification only add fields.</summary>
    private static bool IsVersion2(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return false;
        }

        var dot = version.IndexOf('.', StringComparison.Ordinal);
        var major = dot < 0 ? version : version[..dot];
        return int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value == 2;
    }

    private static BatchMessage Skipped(string? sqsMessageId, string reason) => new(sqsMessageId, [], reason);
}
