using System.Globalization;

namespace AlbLogLambda.Core.Evidence;

/// <summary>One line per verdict, for the text report and the alert: the verdict, the deciding figures, where and when.</summary>
public static class ConfirmationText
{
    /// <summary>
    /// "confirmed: TargetConnectionErrorCount 1,466 for app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC";
    /// "contradicted: TargetConnectionErrorCount 0 but TargetTLSNegotiationErrorCount 12 (points to tls-handshake) for …";
    /// "unavailable (no-permission): …".
    /// </summary>
    /// <param name="confirmation">The verdict.</param>
    /// <param name="scope">What the figures are of: the load balancer id, or a target group.</param>
    /// <param name="window">The minutes the figures cover.</param>
    public static string Line(CauseConfirmation confirmation, string scope, EvidenceWindow window)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentNullException.ThrowIfNull(window);
        var where = $" for {scope}, {Window(window)}";
        switch (confirmation.Verdict)
        {
            case ConfirmationVerdict.Confirmed:
                var deciding = confirmation.Consulted.Where(c => c.Value > 0).Take(1);
                return "confirmed: " + Figures(deciding) + where;
            case ConfirmationVerdict.Contradicted:
                var predicted = confirmation.Consulted.TakeWhile(c => c.Name != confirmation.ContradictingMetric).Where(c => c.Value is not null).Take(1);
                var other = confirmation.Consulted.Where(c => c.Name == confirmation.ContradictingMetric);
                var pointsTo = confirmation.PointsTo is null ? string.Empty : $" (points to {confirmation.PointsTo})";
                return $"contradicted: {Figures(predicted)} but {Figures(other)}{pointsTo}{where}";
            case ConfirmationVerdict.Unconfirmed:
                return "unconfirmed: " + Figures(confirmation.Consulted.Where(c => c.Value is not null)) + where;
            default:
                var missing = confirmation.Missing;
                return missing is null ? "unavailable" : $"unavailable ({missing.ReasonId}): {missing.Detail}";
        }
    }

    /// <summary>"10:00–10:05 UTC" within a day, "2026-12-07 23:55–2026-12-08 00:05 UTC" across midnight.</summary>
    public static string Window(EvidenceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var start = window.Start.UtcDateTime;
        var end = window.End.UtcDateTime;
        var sameDay = start.Date == end.Date || (end == end.Date && end.Date == start.Date.AddDays(1));
        return sameDay
            ? string.Create(CultureInfo.InvariantCulture, $"{start:HH:mm}–{end:HH:mm} UTC")
            : string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm} UTC");
    }

    private static string Figures(IEnumerable<ConsultedMetric> metrics) =>
        string.Join(", ", metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value:#,0.##}")));
}
