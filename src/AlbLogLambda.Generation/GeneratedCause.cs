namespace AlbLogLambda.Generation;

/// <summary>
/// The 502 cause and hypothesis ids the generator produces, and which <see cref="GeneratedLineKind"/>
/// stands for which. These are the ground truth the analyzer is tested against.
/// </summary>
public static class GeneratedCause
{
    public const string TargetConnectionFailed = "target-connection-failed";
    public const string TargetClosedConnection = "target-closed-connection";
    public const string LambdaResponseTooLarge = "lambda-response-too-large";
    public const string LambdaUnhandled = "lambda-unhandled";
    public const string LambdaThrottled = "lambda-throttled";
    public const string LambdaInvalidResponse = "lambda-invalid-response";
    public const string LambdaError = "lambda-error";
    public const string FixedResponse = "fixed-response";
    public const string LoadBalancerOther = "load-balancer-other";
    public const string TargetReturned502 = "target-returned-502";

    /// <summary>Hypothesis of target-connection-failed: one target fails every request it receives.</summary>
    public const string TargetDown = "target-down";

    /// <summary>Hypothesis of target-connection-failed: failures on targets that also answer 2xx.</summary>
    public const string Intermittent = "intermittent";

    /// <summary>Hypothesis of target-connection-failed: the target listens on 443 (HTTPS target group).</summary>
    public const string TlsHandshake = "tls-handshake";

    /// <summary>Hypothesis of target-closed-connection: target_processing_time below 0.010 s.</summary>
    public const string KeepAliveRace = "keep-alive-race";

    /// <summary>Hypothesis of target-closed-connection: target_processing_time of 30 s or more.</summary>
    public const string LongRequestCut = "long-request-cut";

    /// <summary>Hypothesis of target-closed-connection: target_processing_time between 0.05 s and 29 s.</summary>
    public const string ClosedMidRequest = "closed-mid-request";

    /// <summary>Every cause id, in catalog order.</summary>
    public static IReadOnlyList<string> CauseIds { get; } =
    [
        TargetConnectionFailed, TargetClosedConnection, LambdaResponseTooLarge, LambdaUnhandled, LambdaThrottled,
        LambdaInvalidResponse, LambdaError, FixedResponse, LoadBalancerOther, TargetReturned502,
    ];

    /// <summary>Every hypothesis id, grouped by cause.</summary>
    public static IReadOnlyList<string> HypothesisIds { get; } =
        [TargetDown, Intermittent, TlsHandshake, KeepAliveRace, LongRequestCut, ClosedMidRequest];

    /// <summary>The (cause, hypothesis) a kind stands for, or null for kinds that are not 502s.</summary>
    public static GeneratedCauseKey? Of(GeneratedLineKind kind) => kind switch
    {
        GeneratedLineKind.TargetDown => new(TargetConnectionFailed, TargetDown),
        GeneratedLineKind.ConnectIntermittent => new(TargetConnectionFailed, Intermittent),
        GeneratedLineKind.ConnectTlsHandshake => new(TargetConnectionFailed, TlsHandshake),
        GeneratedLineKind.KeepAliveRace => new(TargetClosedConnection, KeepAliveRace),
        GeneratedLineKind.LongRequestCut => new(TargetClosedConnection, LongRequestCut),
        GeneratedLineKind.ClosedMidRequest => new(TargetClosedConnection, ClosedMidRequest),
        GeneratedLineKind.LambdaResponseTooLarge => new(LambdaResponseTooLarge, null),
        GeneratedLineKind.LambdaUnhandled => new(LambdaUnhandled, null),
        GeneratedLineKind.LambdaThrottled => new(LambdaThrottled, null),
        GeneratedLineKind.LambdaInvalidResponse => new(LambdaInvalidResponse, null),
        GeneratedLineKind.LambdaError => new(LambdaError, null),
        GeneratedLineKind.FixedResponse502 => new(FixedResponse, null),
        GeneratedLineKind.LoadBalancerOther502 => new(LoadBalancerOther, null),
        GeneratedLineKind.TargetReturned502 => new(TargetReturned502, null),
        _ => null,
    };
}
