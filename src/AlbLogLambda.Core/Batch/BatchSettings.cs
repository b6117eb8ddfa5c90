using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Batch;

/// <summary>The rules a batch runs by.</summary>
public sealed record BatchSettings
{
    /// <summary>A load balancer's summary is published when its 502 total (fixed responses excluded) reaches this.</summary>
    public int Min502Count { get; init; } = 1;

    /// <summary>
    /// Reading stops this long before the deadline, so that the batch answers (and unfinished objects are retried)
    /// instead of being killed mid-object.
    /// </summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Publishing stops this long before the deadline, so that the batch always answers in time and a summary that
    /// could not be published is retried rather than lost with a killed invocation.
    /// </summary>
    public TimeSpan AnswerMargin { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Objects read at once: at least four, even on one core, so that one slow or hostile object shares the time with
    /// the others instead of holding the only slot until the deadline.
    /// </summary>
    public int Concurrency { get; init; } = Math.Max(Environment.ProcessorCount, 4);

    /// <summary>
    /// The queue's <c>maxReceiveCount</c>: on that delivery of a unit, what would be retried is reported as failed
    /// instead (the next failure would park it in the dead-letter queue unseen). Null when unknown.
    /// </summary>
    public int? MaxReceiveCount { get; init; }

    /// <summary>How each load balancer's analysis reads (read-ahead is decided per batch).</summary>
    public AnalysisOptions Analysis { get; init; } = new();
}
