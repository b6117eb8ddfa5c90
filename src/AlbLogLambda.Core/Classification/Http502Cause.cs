namespace AlbLogLambda.Core.Classification;

/// <summary>
/// The cause catalog: exactly one per 502 entry. Ids (kebab-case) are stable in every output; new causes are
/// appended (the order is also the catalog's index).
/// </summary>
public enum Http502Cause
{
    TargetConnectionFailed,
    TargetClosedConnection,
    LambdaResponseTooLarge,
    LambdaUnhandled,
    LambdaThrottled,
    LambdaInvalidResponse,
    LambdaError,
    FixedResponse,
    LoadBalancerOther,
    TargetReturned502,
    TargetResponseInvalid,
    LambdaInternalError,
}
