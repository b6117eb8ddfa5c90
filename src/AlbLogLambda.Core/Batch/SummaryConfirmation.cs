using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Batch;

/// <summary>
/// AWS's own evidence on a summary: each cause's verdict from CloudWatch, as a line a person reads, and how much of what
/// CloudWatch counted the logs hold.
/// </summary>
/// <param name="Causes">The verdict and its line per cause, in the report's order.</param>
/// <param name="Coverage">The logs' 502s against CloudWatch's counts over the same minutes.</param>
/// <param name="Window">The minutes the figures cover.</param>
public sealed record SummaryConfirmation(IReadOnlyList<CauseVerdictLine> Causes, Coverage Coverage, EvidenceWindow Window)
{
    /// <summary>True when the summary's top cause is confirmed (the <c>confirmed</c> message attribute).</summary>
    public bool TopCauseConfirmed => Causes.Count > 0 && Causes[0].Confirmation.Verdict == ConfirmationVerdict.Confirmed;

    /// <summary>Judges every cause of <paramref name="summary"/> against <paramref name="evidence"/> gathered for it.</summary>
    public static SummaryConfirmation Of(LoadBalancerSummary summary, LoadBalancerEvidence evidence, EvidenceWindow window)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var counts = MetricCounts.ForLoadBalancer(evidence);
        var causes = summary.Report.Causes
            .Where(c => CauseJudge.JudgedCauses.Contains(c.Info.Id))
            .Select(c =>
            {
                var confirmation = CauseJudge.Judge(c.Info.Id, counts);
                return new CauseVerdictLine(c.Info.Id, confirmation, ConfirmationText.Line(confirmation, summary.LoadBalancer, window));
            })
            .ToArray();
        var coverage = Coverage.Compare(summary.Report.Http502.LoadBalancer, summary.Report.Http502.Target, counts);
        return new SummaryConfirmation(causes, coverage, window);
    }
}
