namespace AlbLogLambda.Core.Analysis;

/// <summary>What happened to one input object.</summary>
public enum ObjectStatus
{
    Ok,
    Failed,
    Skipped,
}
