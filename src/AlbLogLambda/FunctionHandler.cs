using AlbLogLambda.Core.Batch;
using AlbLogLambda.Events;
using AlbLogLambda.Observability;

namespace AlbLogLambda;

/// <summary>
/// The handler, an adapter: parse the event, run the batch (<see cref="BatchRunner"/>, in Core), emit the metrics,
/// and answer in the event source's terms. Every rule of the batch lives in Core.
/// </summary>
public sealed class FunctionHandler
{
    private readonly FunctionLog _log;
    private readonly TimeProvider _clock;

    internal FunctionHandler(BatchRunner batch, FunctionLog log, TimeProvider clock)
    {
        Batch = batch;
        _log = log;
        _clock = clock;
    }

    /// <summary>The use case this handler adapts (the CLI's replay runs it directly).</summary>
    public BatchRunner Batch { get; }

    /// <summary>Handles one invocation payload; the answer is the JSON document the Runtime API gets back.</summary>
    /// <exception cref="FormatException">The payload is not an event the function accepts.</exception>
    /// <exception cref="BatchNotCompletedException">A direct event must be retried whole.</exception>
    public async Task<byte[]> HandleAsync(byte[] payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var parsed = LambdaEventParser.Parse(payload);
        var result = await Batch.RunAsync(parsed.ToBatchRequest(deadline), cancellationToken).ConfigureAwait(false);
        foreach (var summary in result.Summaries)
        {
            foreach (var document in EmbeddedMetrics.Documents(summary.LoadBalancer, summary.Report, _clock.GetUtcNow())) _log.WriteRaw(document);
        }
        // A direct S3 or EventBridge event has no partial failure: failing the invocation makes the platform retry it.
        if (result.WholeBatchRetryReason is { } reason) throw new BatchNotCompletedException(reason);
        return FunctionResponse.Write(result, reportBatchItemFailures: parsed.Kind == EventSourceKind.Sqs);
    }
}
