namespace AlbLogLambda.Core.Evidence;

/// <summary>The verdict on one cause, with the figures it rests on.</summary>
/// <param name="CauseId">The cause, by its catalog id (e.g. target-connection-failed).</param>
/// <param name="Verdict">Confirmed, contradicted, unconfirmed or unavailable.</param>
/// <param name="Consulted">The metrics looked at, predicted ones first, with their values.</param>
/// <param name="Missing">For <see cref="ConfirmationVerdict.Unavailable"/>: why; null otherwise.</param>
public sealed record CauseConfirmation(
    string CauseId,
    ConfirmationVerdict Verdict,
    IReadOnlyList<ConsultedMetric> Consulted,
    Unavailable? Missing)
{
    /// <summary>For <see cref="ConfirmationVerdict.Contradicted"/>: the metric that is not zero.</summary>
    public string? ContradictingMetric { get; init; }

    /// <summary>For <see cref="ConfirmationVerdict.Contradicted"/>: the cause (or hypothesis) id that metric points to, if one does.</summary>
    public string? PointsTo { get; init; }

    /// <summary>The verdict's id in outputs: confirmed, contradicted, unconfirmed, unavailable.</summary>
    public string VerdictId => Verdict switch
    {
        ConfirmationVerdict.Confirmed => "confirmed",
        ConfirmationVerdict.Contradicted => "contradicted",
        ConfirmationVerdict.Unconfirmed => "unconfirmed",
        _ => "unavailable",
    };
}
