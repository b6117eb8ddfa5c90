using System.Text;
using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Rendering;

/// <summary>
/// The "Confirmed by CloudWatch" section of the text report and the alert: one verdict line per cause, what the
/// configuration settled under it, then the coverage lines.
/// </summary>
public static class ConfirmationSection
{
    public static void Append(StringBuilder text, ReportConfirmation confirmation)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(confirmation);
        text.Append("Confirmed by CloudWatch (").Append(EvidenceMetrics.LoadBalancerNamespace).Append(", ")
            .Append(InertText.Escape(confirmation.LoadBalancer)).Append(", ").Append(ConfirmationText.Window(confirmation.Window)).AppendLine("):");
        foreach (var cause in confirmation.Causes)
        {
            text.Append("  ").Append(cause.CauseId).Append(": ").AppendLine(InertText.Escape(cause.Line));
            foreach (var finding in confirmation.Findings.Where(f => f.CauseId == cause.CauseId))
            {
                text.Append("    ").AppendLine(InertText.Escape(finding.Line));
            }
        }
        text.Append("  Coverage: ").AppendLine(InertText.Escape(confirmation.Coverage.LoadBalancerSentence));
        text.Append("  ").AppendLine(InertText.Escape(confirmation.Coverage.TargetSentence));
    }
}
