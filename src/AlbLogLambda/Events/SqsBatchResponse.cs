using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlbLogLambda.Events;

/// <summary>
/// The partial batch response of an SQS-triggered function (<c>ReportBatchItemFailures</c>):
/// <c>{"batchItemFailures":[{"itemIdentifier":"&lt;messageId&gt;"}]}</c>. Lambda deletes every other message of the batch.
/// </summary>
internal sealed record SqsBatchResponse(
    [property: JsonPropertyName("batchItemFailures")] IReadOnlyList<SqsBatchItemFailure> BatchItemFailures)
{
    /// <summary>The response document, UTF-8 JSON.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, FunctionJsonContext.Default.SqsBatchResponse);
}

/// <summary>One failed SQS message, named by its <c>messageId</c>.</summary>
internal sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
