namespace AlbLogLambda.Core.Batch;

/// <summary>One batch to run: the units of work, how failures can be reported, and when the answer is due.</summary>
/// <param name="Messages">The units of work, in the order the event lists them.</param>
/// <param name="PartialFailures">
/// True when the platform can retry single units (an SQS batch with ReportBatchItemFailures); false when only the
/// whole batch can be retried (a direct S3 or EventBridge invocation).
/// </param>
/// <param name="Deadline">When the caller must have its answer (the Lambda invocation deadline).</param>
public sealed record BatchRequest(IReadOnlyList<BatchMessage> Messages, bool PartialFailures, DateTimeOffset Deadline);
