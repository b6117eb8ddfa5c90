namespace AlbLogLambda.Core.Evidence;

/// <summary>One comparison of a count in the logs with the CloudWatch metric that counts the same thing (or more).</summary>
/// <param name="InLogs">The entries in the logs.</param>
/// <param name="Metric">The metric compared with.</param>
/// <param name="Counted">What the metric counted over the window, or why it is missing.</param>
/// <param name="Finding">What the comparison says.</param>
public sealed record CoverageFigure(long InLogs, string Metric, EvidencePart<double> Counted, CoverageFinding Finding)
{
    /// <summary>The logs' share of the metric (1 = all of it); null when the metric is missing or zero.</summary>
    public double? Share => Counted.IsAvailable && Counted.Value > 0 ? InLogs / Counted.Value : null;

    /// <summary>How many more the metric counted than the logs hold (negative when the logs hold more); null when missing.</summary>
    public long? Gap => Counted.IsAvailable ? (long)Math.Round(Counted.Value) - InLogs : null;
}
