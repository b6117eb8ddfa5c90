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
    public const string TargetResponseInvalid = "target-response-invalid";
    public const string LambdaInternalError = "lambda-internal-error";

    /// <summary>Hypothesis of target-connection-failed: one target fails every request it receives.</summary>
    public const string TargetDown = "target-down";

    /// <summary>Hypothesis of target-connection-failed: failures on targets that also answer 2xx.</summary>
    public const string Intermittent = "intermittent";

    /// <summary>Hypothesis of target-connection-failed: the target listens on 443 (HTTPS target group).</summary>
    public const string TlsHandshake = "tls-handshake";

    /// <summary>Hypothesis of target-connection-failed: the connection failed after about 10 s (9.5 s or more).</summary>
    public const string TlsHandshakeTimeout = "tls-handshake-timeout";

    /// <summary>Hypothesis of target-closed-connection under 30 s, spread over the group's targets (keep-alive and mid-request closes alike).</summary>
    public const string KeepAliveRace = "keep-alive-race";

    /// <summary>Hypothesis of target-closed-connection: target_processing_time of 30 s or more.</summary>
    public const string LongRequestCut = "long-request-cut";

    /// <summary>
    /// Hypothesis of target-closed-connection: the 502s concentrate on one target of a group whose other targets serve
    /// (at least as many 502s as the group has targets, so that the concentration shows).
    /// </summary>
    public const string TargetCrash = "target-crash";

    /// <summary>Every cause id, in catalog order.</summary>
    public static IReadOnlyList<string> CauseIds { get; } =
    [
        TargetConnectionFailed, TargetClosedConnection, LambdaResponseTooLarge, LambdaUnhandled, LambdaThrottled,
        LambdaInvalidResponse, LambdaError, FixedResponse, LoadBalancerOther, TargetReturned502, TargetResponseInvalid,
        LambdaInternalError,
    ];

    /// <summary>Every hypothesis id, grouped by cause.</summary>
    public static IReadOnlyList<string> HypothesisIds { get; } =
        [TargetDown, Intermittent, TlsHandshake, TlsHandshakeTimeout, KeepAliveRace, LongRequestCut, TargetCrash];

    /// <summary>The (cause, hypothesis) a kind stands for, or null for kinds that are not 502s.</summary>
    public static GeneratedCauseKey? Of(GeneratedLineKind kind) => kind switch
    {
        GeneratedLineKind.TargetDown => new(TargetConnectionFailed, TargetDown),
        GeneratedLineKind.ConnectIntermittent => new(TargetConnectionFailed, Intermittent),
        GeneratedLineKind.ConnectTlsHandshake => new(TargetConnectionFailed, TlsHandshake),
        GeneratedLineKind.KeepAliveRace => new(TargetClosedConnection, KeepAliveRace),
        GeneratedLineKind.LongRequestCut => new(TargetClosedConnection, LongRequestCut),
        // Closed mid-request on targets spread over the group: the keep-alive race leads (docs/causes.md).
        GeneratedLineKind.ClosedMidRequest => new(TargetClosedConnection, KeepAliveRace),
        GeneratedLineKind.LambdaResponseTooLarge => new(LambdaResponseTooLarge, null),
        GeneratedLineKind.LambdaUnhandled => new(LambdaUnhandled, null),
        GeneratedLineKind.LambdaThrottled => new(LambdaThrottled, null),
        GeneratedLineKind.LambdaInvalidResponse => new(LambdaInvalidResponse, null),
        GeneratedLineKind.LambdaError => new(LambdaError, null),
        GeneratedLineKind.FixedResponse502 => new(FixedResponse, null),
        GeneratedLineKind.LoadBalancerOther502 => new(LoadBalancerOther, null),
        GeneratedLineKind.TargetReturned502 => new(TargetReturned502, null),
        GeneratedLineKind.TargetResponseInvalid => new(TargetResponseInvalid, null),
        GeneratedLineKind.LambdaInternalError => new(LambdaInternalError, null),
        GeneratedLineKind.ConnectTlsHandshakeTimeout => new(TargetConnectionFailed, TlsHandshakeTimeout),
        GeneratedLineKind.TargetCrash => new(TargetClosedConnection, TargetCrash),
        _ => null,
    };
}
