using System.Globalization;

namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// How much of what CloudWatch counted the analyzed logs hold: load-balancer 502s against HTTPCode_ELB_502_Count,
/// target 502s against HTTPCode_Target_5XX_Count (which counts every target 5xx, so it is an upper bound).
/// </summary>
/// <param name="LoadBalancer502">The load balancer's 502s.</param>
/// <param name="Target502">The targets' 502s.</param>
public sealed record Coverage(CoverageFigure LoadBalancer502, CoverageFigure Target502)
{
    /// <summary>The share of the metric below which the logs count as incomplete, by default (a tenth missing).</summary>
    public const double DefaultCompleteShare = 0.9;

    /// <summary>Compares the logs' counts with the load balancer's metrics over the window.</summary>
    /// <param name="loadBalancer502InLogs">Load-balancer 502 entries in the logs (fixed responses excluded).</param>
    /// <param name="target502InLogs">Target 502 entries in the logs.</param>
    /// <param name="counts">The load balancer's metrics (<see cref="MetricCounts.ForLoadBalancer"/>).</param>
    /// <param name="completeShare">The logs' share of the metric at or above which they count as complete.</param>
    public static Coverage Compare(long loadBalancer502InLogs, long target502InLogs, MetricCounts counts, double completeShare = DefaultCompleteShare)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(loadBalancer502InLogs);
        ArgumentOutOfRangeException.ThrowIfNegative(target502InLogs);
        ArgumentOutOfRangeException.ThrowIfLessThan(completeShare, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(completeShare, 1);

        var elb = counts.Get(EvidenceMetrics.Elb502Count);
        var target = counts.Get(EvidenceMetrics.Target5xxCount);
        return new Coverage(
            new CoverageFigure(loadBalancer502InLogs, EvidenceMetrics.Elb502Count, elb, Judge(loadBalancer502InLogs, elb, completeShare)),
            // The metric counts every target 5xx: fewer 502s in the logs than it counted is expected, more is not.
            new CoverageFigure(target502InLogs, EvidenceMetrics.Target5xxCount, target, Judge(target502InLogs, target, completeShare: 0)));
    }

    /// <summary>"the logs hold 1,466 of the 1,480 load-balancer 502s that CloudWatch counted (HTTPCode_ELB_502_Count)".</summary>
    public string LoadBalancerSentence => Sentence(LoadBalancer502, "load-balancer 502s", " that CloudWatch counted");

    /// <summary>"the logs hold 12 target 502s; CloudWatch counted 15 target 5xx (HTTPCode_Target_5XX_Count counts every 5xx)".</summary>
    public string TargetSentence => Target502.Counted.IsAvailable
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"the logs hold {Target502.InLogs:N0} target 502s; CloudWatch counted {Target502.Counted.Value:N0} target 5xx ({Target502.Metric} counts every 5xx, not only 502)")
        : Sentence(Target502, "target 502s", string.Empty);

    private static string Sentence(CoverageFigure figure, string what, string counted) => figure.Counted.IsAvailable
        ? string.Create(CultureInfo.InvariantCulture, $"the logs hold {figure.InLogs:N0} of the {figure.Counted.Value:N0} {what}{counted} ({figure.Metric})")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"the logs hold {figure.InLogs:N0} {what}; {figure.Metric} unavailable ({figure.Counted.Missing.ReasonId}: {figure.Counted.Missing.Detail})");

    private static CoverageFinding Judge(long inLogs, EvidencePart<double> counted, double completeShare)
    {
        if (!counted.IsAvailable)
        {
            return CoverageFinding.Unavailable;
        }

        var metric = Math.Round(counted.Value);
        if (inLogs > metric)
        {
            return CoverageFinding.LogsExceedMetric;
        }

        return inLogs < metric * completeShare ? CoverageFinding.LogsIncomplete : CoverageFinding.Consistent;
    }
}
