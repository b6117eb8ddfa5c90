namespace AlbLogLambda.Core.Batch;

/// <summary>
/// The unit of a batch that succeeds or fails together: one SQS message, one S3 notification record, or one
/// EventBridge event. Retrying means retrying the whole unit.
/// </summary>
/// <param name="Id">The identifier the platform retries the unit by (the SQS message id); null outside SQS.</param>
/// <param name="Objects">The log objects the unit names; empty when it is skipped.</param>
/// <param name="SkipReason">
/// Set exactly when <paramref name="Objects"/> is empty: why there is nothing to do (a test event, not an
/// ObjectCreated event, a body that does not parse). A skip is permanent: the same unit would be skipped again.
/// </param>
/// <param name="ReceiveCount">
/// How many times the platform has delivered the unit, this time included (SQS <c>ApproximateReceiveCount</c>); null
/// when unknown. On the last delivery the queue allows, an object that still cannot be read is reported as failed
/// instead of being retried into the dead-letter queue unseen.
/// </param>
public sealed record BatchMessage(string? Id, IReadOnlyList<LogObjectRef> Objects, string? SkipReason = null, int? ReceiveCount = null);
