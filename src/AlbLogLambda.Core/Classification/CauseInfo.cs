namespace AlbLogLambda.Core.Classification;

/// <summary>What an engineer needs to know about one cause: meaning, the metric that confirms it, the fix.</summary>
public sealed record CauseInfo(
    Http502Cause Cause,
    string Id,
    Origin Origin,
    Confidence Confidence,
    string Title,
    string Meaning,
    string Confirm,
    string Remedy);
