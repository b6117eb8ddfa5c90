namespace AlbLogLambda.Core.Evidence;

/// <summary>Why a piece of evidence could not be had.</summary>
public enum UnavailableReason
{
    /// <summary>AWS refused the call: the function's role lacks the action (403, AccessDenied and its kin).</summary>
    NoPermission,

    /// <summary>AWS answered with another error, or with something unreadable, or could not be reached.</summary>
    ApiError,

    /// <summary>No answer within the time budget for evidence.</summary>
    Timeout,

    /// <summary>Not asked: nothing to ask it by (no target group ARN, no account id), or it does not apply.</summary>
    NotAsked,
}
