namespace AlbLogLambda.Core.Classification;

/// <summary>What one hypothesis means, how far the log alone supports it, and what to do about it.</summary>
public sealed record HypothesisInfo(Hypothesis Hypothesis, string Id, Confidence Confidence, string Title, string Explanation, string Remedy);
