namespace AlbLogLambda.Core.Classification;

/// <summary>The verdict on one 502 entry.</summary>
public readonly record struct Http502Classification(
    Http502Cause Cause,
    Origin Origin,
    Hypothesis Hypothesis,
    double RequestProcessingTime,
    double TargetProcessingTime,
    double ResponseProcessingTime);
