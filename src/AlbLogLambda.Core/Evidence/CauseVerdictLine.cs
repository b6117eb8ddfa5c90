namespace AlbLogLambda.Core.Evidence;

/// <summary>One cause's verdict from AWS's evidence, and the line that tells it.</summary>
public sealed record CauseVerdictLine(string CauseId, CauseConfirmation Confirmation, string Line);
