namespace AlbLogLambda.Core.Classification;

/// <summary>How sure the tool is of a cause or hypothesis drawn from the log alone.</summary>
public enum Confidence
{
    Low,
    Medium,
    High,
}
