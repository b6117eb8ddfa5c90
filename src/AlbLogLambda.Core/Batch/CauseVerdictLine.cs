using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Batch;

/// <summary>One cause's verdict from AWS's evidence, and the line that tells it.</summary>
public sealed record CauseVerdictLine(string CauseId, CauseConfirmation Confirmation, string Line);
