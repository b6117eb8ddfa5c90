namespace AlbLogLambda.Generation;

/// <summary>
/// What one generated access-log entry stands for. Every kind maps to one elb_status_code family and,
/// for the 502 kinds, to one (cause, hypothesis) of the product's catalog (<see cref="GeneratedCause.Of"/>).
/// The member order is part of the generator's determinism: do not reorder, only append.
/// </summary>
public enum GeneratedLineKind
{
    /// <summary>Ordinary success from a target, a Lambda function or a gRPC service (200, 201, 204, 206).</summary>
    Success2xx,

    /// <summary>A redirect action (301) or a target redirect / not-modified (302, 304).</summary>
    Redirect3xx,

    /// <summary>Client errors: target 404/401/429, WAF block 403, malformed request 400.</summary>
    Client4xx,

    /// <summary>A WebSocket upgrade (ws / wss, 101); the time field is the connection close.</summary>
    WebSocket101,

    /// <summary>500: a target-generated 500 or an authentication failure at the load balancer.</summary>
    Neighbor500,

    /// <summary>503: a target group without registered targets.</summary>
    Neighbor503,

    /// <summary>504: connect timeout (about 10 s) or idle timeout (about 60 s) to a target.</summary>
    Neighbor504,

    /// <summary>460: the client closed the connection before the load balancer answered.</summary>
    Neighbor460,

    /// <summary>502, connection to the target failed; the target fails every request it gets.</summary>
    TargetDown,

    /// <summary>502, connection to the target failed on a target that also serves 2xx.</summary>
    ConnectIntermittent,

    /// <summary>502, connection to an HTTPS (port 443) target failed, as in a TLS handshake error.</summary>
    ConnectTlsHandshake,

    /// <summary>502, the target closed a reused keep-alive connection (target_processing_time below 0.010 s).</summary>
    KeepAliveRace,

    /// <summary>502, the target closed a request that had been running 30 s or more.</summary>
    LongRequestCut,

    /// <summary>502, the target closed the connection mid-request (0.05 s to 29 s).</summary>
    ClosedMidRequest,

    /// <summary>502, Lambda response larger than 1 MB (LambdaResponseTooLarge).</summary>
    LambdaResponseTooLarge,

    /// <summary>502, Lambda exception or timeout (LambdaUnhandled).</summary>
    LambdaUnhandled,

    /// <summary>502, Lambda throttled (LambdaThrottling).</summary>
    LambdaThrottled,

    /// <summary>502, malformed Lambda response (LambdaInvalidResponse).</summary>
    LambdaInvalidResponse,

    /// <summary>502 with another Lambda error_reason (KMS, ENI, permission, not found, service).</summary>
    LambdaError,

    /// <summary>502 configured as a fixed-response action.</summary>
    FixedResponse502,

    /// <summary>502 from the load balancer that fits no other cause: a non-Lambda error_reason, or a target status of 200.</summary>
    LoadBalancerOther502,

    /// <summary>502 produced by the target itself (502 502).</summary>
    TargetReturned502,

    /// <summary>502, the target answered (a status of 200, or all three times measured) and the load balancer rejected the response.</summary>
    TargetResponseInvalid,

    /// <summary>502, an AWS-side Lambda failure (LambdaConnectionError, LambdaServiceException, LambdaUnhandledException).</summary>
    LambdaInternalError,

    /// <summary>502, connection to an HTTPS target failed after about 10 s: the TLS handshake timeout.</summary>
    ConnectTlsHandshakeTimeout,

    /// <summary>502, closed connections on one gRPC target while the group's other targets serve cleanly (target-crash).</summary>
    TargetCrash,
}
