namespace AlbLogLambda.Core.Classification;

/// <summary>What one hypothesis means and what to do about it.</summary>
public sealed record HypothesisInfo(Hypothesis Hypothesis, string Id, string Title, string Explanation, string Remedy);
