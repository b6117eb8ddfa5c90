namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// Context among a cause's entries: how many carried each desync mitigation classification (Acceptable, Ambiguous,
/// Severe) and each notable action (waf-failed, authenticate, waf). Every key is present, with 0 when none.
/// </summary>
public sealed record CauseContext(IReadOnlyList<CodeCount> Classifications, IReadOnlyList<CodeCount> Actions);
