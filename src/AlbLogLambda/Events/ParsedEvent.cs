using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Events;

/// <summary>The objects an invocation asks the function to process, grouped by the unit that succeeds or fails together.</summary>
/// <param name="Kind">The event's shape.</param>
/// <param name="Messages">
/// One entry per SQS message (batch item failures are reported per message), per S3 notification record, or one for an
/// EventBridge or test event.
/// </param>
internal sealed record ParsedEvent(EventSourceKind Kind, IReadOnlyList<BatchMessage> Messages)
{
    /// <summary>The batch to run; only an SQS batch can report single messages for retry.</summary>
    public BatchRequest ToBatchRequest(DateTimeOffset deadline) => new(Messages, PartialFailures: Kind == EventSourceKind.Sqs, deadline);
}
