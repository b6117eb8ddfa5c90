namespace AlbLogLambda.Generation;

/// <summary>One 502 cause of the product's catalog, optionally refined by a hypothesis.</summary>
/// <param name="Cause">Kebab-case cause id, one of <see cref="GeneratedCause.CauseIds"/>.</param>
/// <param name="Hypothesis">Kebab-case hypothesis id, or null when the cause has no refinement.</param>
public readonly record struct GeneratedCauseKey(string Cause, string? Hypothesis)
{
    public override string ToString() => Hypothesis is null ? Cause : $"{Cause} ({Hypothesis})";
}
