namespace AlbLogLambda.Core.Analysis;

/// <summary>What happened to one input object.</summary>
public enum ObjectStatus
{
    /// <summary>Read to its end.</summary>
    Ok,

    /// <summary>
    /// A problem in the object's data (damaged gzip, over a per-object cap, no entry, not a log): permanent, reading it
    /// again gives the same answer, so it is reported and never retried. Entries read before the problem are counted.
    /// </summary>
    Failed,

    /// <summary>Another log kind, by name or content: not an error.</summary>
    Skipped,
}
