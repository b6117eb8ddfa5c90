using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Batch;

/// <summary>What happened to one object of a batch.</summary>
/// <param name="LogObject">The object as the event named it.</param>
/// <param name="Message">The unit that brought it (the SQS message, the notification record).</param>
/// <param name="LoadBalancer">The load balancer its key names (<c>app/name/id</c>); null for a skipped object.</param>
/// <param name="Status">
/// The object's own status. A read object whose unit is retried for another object's sake is still <c>Ok</c> here;
/// <see cref="BatchResult.IsRetried"/> tells.
/// </param>
/// <param name="Reason">Why it failed, was skipped or is retried.</param>
/// <param name="Outcome">The reading's counts, when the object was read (to the end, or until its data failed).</param>
/// <param name="ETag">The entity tag the store answered with, else the event's.</param>
/// <param name="RawBytes">The object's size as the store reported it.</param>
/// <param name="Duration">Time from opening to the end of reading.</param>
public sealed record ObjectResult(
    LogObjectRef LogObject,
    BatchMessage Message,
    string? LoadBalancer,
    BatchObjectStatus Status,
    string? Reason,
    ObjectOutcome? Outcome,
    string? ETag,
    long? RawBytes,
    TimeSpan Duration);
