namespace AlbLogLambda.Core.Classification;

/// <summary>Who generated a 502 (Knowledge Center rule: 502 with target status 502 is the target's).</summary>
public enum Origin
{
    LoadBalancer,
    Target,
}

/// <summary>How sure the tool is of a cause or hypothesis drawn from the log alone.</summary>
public enum Confidence
{
    Low,
    Medium,
    High,
}

/// <summary>The cause catalog: exactly one per 502 entry. Ids (kebab-case) are stable in every output.</summary>
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
}

/// <summary>A refinement of a cause from evidence beyond the single line.</summary>
public enum Hypothesis
{
    None,
    KeepAliveRace,
    LongRequestCut,
    ClosedMidRequest,
    TargetDown,
    Intermittent,
    TlsHandshake,
}
