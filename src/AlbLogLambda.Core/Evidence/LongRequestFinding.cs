namespace AlbLogLambda.Core.Evidence;

/// <summary>How the longest cut request compares with the target group's deregistration delay.</summary>
public enum LongRequestFinding
{
    /// <summary>It ran at least as long as the delay: a deregistration could have cut it.</summary>
    OutlastedDeregistrationDelay,

    /// <summary>It ended within the delay: a deregistration did not cut it; a timeout on the target is likelier.</summary>
    WithinDeregistrationDelay,
}
