namespace AlbLogLambda.Core.Classification;

/// <summary>The product's wording for every cause and hypothesis; the rules behind them are in docs/causes.md.</summary>
public static class CauseCatalog
{
    private static readonly CauseInfo[] s_causes =
    [
        new(Http502Cause.TargetConnectionFailed, "target-connection-failed", Origin.LoadBalancer, Confidence.Medium,
            "Load balancer could not connect to the target",
            "The request had a target but none of the three processing times could be measured (-1 -1 -1): the connection to the target was refused (TCP RST), unreachable (ICMP) or, for an HTTPS target group, the TLS handshake failed.",
            "TargetConnectionErrorCount (refused or unreachable) or TargetTLSNegotiationErrorCount (TLS) for the load balancer and target group in the same minutes; HTTPCode_ELB_502_Count.",
            "Check that the application listens on the target port on all interfaces and is running; that security groups and network ACLs allow the load balancer subnets to reach the target port (and return traffic on ports 1024-65535); for HTTPS targets, that the target accepts a protocol and cipher of the load balancer's backend policy."),
        new(Http502Cause.TargetClosedConnection, "target-closed-connection", Origin.LoadBalancer, Confidence.Medium,
            "Target closed the connection while a request was outstanding",
            "The request reached the target (request and target processing times measured) but no usable response came back (response_processing_time -1): the target closed or reset the connection, or sent a response the load balancer rejected.",
            "HTTPCode_ELB_502_Count without TargetConnectionErrorCount; the target's own logs around the same time (no matching request, an abort, a restart); CloudTrail DeregisterTargets for long requests.",
            "Make the target's keep-alive (idle) timeout longer than the load balancer's idle timeout (60 s by default); keep response headers valid and under 32 KB; give long requests a deregistration delay longer than they take, and shut down gracefully."),
        new(Http502Cause.LambdaResponseTooLarge, "lambda-response-too-large", Origin.LoadBalancer, Confidence.High,
            "Lambda target's response was larger than 1 MB",
            "The Lambda function answered with a response over the 1 MB the load balancer accepts (error_reason LambdaResponseTooLarge).",
            "LambdaUserError for the target group; the function's response sizes.",
            "Keep the response JSON under 1 MB: return large bodies through S3 (a presigned URL) or paginate."),
        new(Http502Cause.LambdaUnhandled, "lambda-unhandled", Origin.LoadBalancer, Confidence.High,
            "Lambda target failed: unhandled exception or timeout",
            "The Lambda function raised an unhandled error or ran past its timeout (error_reason LambdaUnhandled).",
            "LambdaUserError; the function's Errors metric, and Duration against its configured timeout; its CloudWatch logs.",
            "Fix the exception in the function, or raise its timeout (and memory) if it is timing out."),
        new(Http502Cause.LambdaThrottled, "lambda-throttled", Origin.LoadBalancer, Confidence.High,
            "Lambda target was throttled",
            "Lambda refused to run the function because it was at its concurrency limit (error_reason LambdaThrottling).",
            "LambdaUserError; the function's Throttles and ConcurrentExecutions metrics.",
            "Raise the function's reserved concurrency or the account's concurrency quota, or smooth the traffic."),
        new(Http502Cause.LambdaInvalidResponse, "lambda-invalid-response", Origin.LoadBalancer, Confidence.High,
            "Lambda target returned a malformed response",
            "The function's response was not the JSON the load balancer expects: a missing statusCode, headers or isBase64Encoded, or a header value that is not a string (error_reason LambdaInvalidResponse).",
            "LambdaUserError; the function's returned payloads in its logs.",
            "Return statusCode, statusDescription, headers (string values only), body and isBase64Encoded as the ALB Lambda integration expects."),
        new(Http502Cause.LambdaError, "lambda-error", Origin.LoadBalancer, Confidence.High,
            "Lambda target could not be invoked",
            "Another Lambda error_reason: permissions, VPC networking, KMS, a missing function or the Lambda service itself. The code is kept as evidence.",
            "LambdaUserError, or LambdaInternalError for LambdaServiceException, LambdaConnectionError and LambdaUnhandledException.",
            "Fix what the code names: the load balancer's permission to invoke (LambdaAccessDenied), subnet IPs and ENI limits, the KMS key of the environment variables, the function's existence."),
        new(Http502Cause.FixedResponse, "fixed-response", Origin.LoadBalancer, Confidence.High,
            "Configured fixed response (not a failure)",
            "A listener rule answered 502 on purpose with a fixed-response action; reported apart from the error totals.",
            "HTTP_Fixed_Response_Count; the listener rules.",
            "Nothing to fix unless the rule itself is unintended."),
        new(Http502Cause.LoadBalancerOther, "load-balancer-other", Origin.LoadBalancer, Confidence.Low,
            "Other load-balancer 502",
            "A load-balancer 502 that matches no documented signature: a non-Lambda error_reason, or a target that answered with another status code which the load balancer then replaced (typically a malformed or oversized response).",
            "HTTPCode_ELB_502_Count; the evidence codes listed; the target's logs for the same requests.",
            "Look at the listed error reasons and target status codes; for replaced responses, check the target's response headers (validity, size under 32 KB)."),
        new(Http502Cause.TargetReturned502, "target-returned-502", Origin.Target, Confidence.High,
            "Target itself answered 502",
            "The target (the application or a proxy on it, such as nginx or Envoy) answered 502 and the load balancer passed it on: the failure is behind the target.",
            "HTTPCode_Target_5XX_Count (not HTTPCode_ELB_502_Count).",
            "Read the target's own logs: its reverse proxy could not reach its upstream (application down, restarting, or timing out)."),
    ];

    private static readonly HypothesisInfo[] s_hypotheses =
    [
        new(Hypothesis.None, "", "", "", ""),
        new(Hypothesis.KeepAliveRace, "keep-alive-race", "Keep-alive race",
            "The target failed within 10 ms of receiving the request: the load balancer reused a connection the target had just closed.",
            "Set the target's keep-alive timeout longer than the load balancer's idle timeout (e.g. Node.js server.keepAliveTimeout, gunicorn --keep-alive, nginx keepalive_timeout above 60 s)."),
        new(Hypothesis.LongRequestCut, "long-request-cut", "Long request cut off",
            "The target had been working for 30 s or more: the deregistration delay expired while the request was in flight, or a timeout on the target cut it.",
            "Compare with DeregisterTargets events (CloudTrail) and the target group's deregistration delay; raise it above the longest request, or fix the target-side timeout."),
        new(Hypothesis.ClosedMidRequest, "closed-mid-request", "Closed mid-request",
            "The target closed the connection while working on the request, or answered with a response the load balancer rejected (crash, malformed or oversized headers).",
            "Check the target for crashes and restarts at those times, and its response headers (valid, under 32 KB)."),
        new(Hypothesis.TargetDown, "target-down", "Target down",
            "Every request this target received in the analyzed window failed to connect: nothing listens there, or it is unreachable.",
            "Check that the process runs and listens on the registered port; check security groups and network ACLs; deregister dead targets."),
        new(Hypothesis.Intermittent, "intermittent", "Intermittent connection failures",
            "The target also served other requests in the same window: it refuses connections now and then (restarts, listen backlog, connection limits).",
            "Look for restarts and full accept queues on the target; make health checks reflect readiness."),
        new(Hypothesis.TlsHandshake, "tls-handshake", "TLS handshake to the target",
            "The target speaks HTTPS: the TLS handshake from the load balancer may have failed (no common protocol or cipher).",
            "Confirm with TargetTLSNegotiationErrorCount; make the target accept a protocol and cipher of the load balancer's backend security policy."),
    ];

    public static IReadOnlyList<CauseInfo> Causes => s_causes;

    public static CauseInfo Get(Http502Cause cause) => s_causes[(int)cause];

    public static HypothesisInfo Get(Hypothesis hypothesis) => s_hypotheses[(int)hypothesis];

    public static string Id(Http502Cause cause) => s_causes[(int)cause].Id;

    public static string Id(Hypothesis hypothesis) => s_hypotheses[(int)hypothesis].Id;

    public static string Id(Origin origin) => origin == Origin.Target ? "target" : "load-balancer";

    public static string Id(Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };

    /// <summary>The cause for a catalog id, for filters and tests.</summary>
    public static bool TryParse(string id, out Http502Cause cause)
    {
        foreach (var info in s_causes)
        {
            if (info.Id == id)
            {
                cause = info.Cause;
                return true;
            }
        }
        cause = default;
        return false;
    }
}
