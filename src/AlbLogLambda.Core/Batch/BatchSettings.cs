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

    /// <summary>Objects read at once; one per core by default.</summary>
    public int Concurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>How each load balancer's analysis reads (read-ahead is decided per batch).</summary>
    public AnalysisOptions Analysis { get; init; } = new();
}
