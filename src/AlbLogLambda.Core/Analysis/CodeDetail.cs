using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>A documented error_reason seen among a cause's entries, with its meaning, metric and remedy.</summary>
public sealed record CodeDetail(ErrorReasonInfo Info, long Count);
