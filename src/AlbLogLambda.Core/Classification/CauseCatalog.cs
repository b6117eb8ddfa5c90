namespace AlbLogLambda.Core.Classification;

/// <summary>The product's wording for every cause and hypothesis; the rules behind them are in docs/causes.md.</summary>
public static class CauseCatalog
{
    private static readonly CauseInfo[] s_causes =
    [
        new(Http502Cause.TargetConnectionFailed, "target-connection-failed", Origin.LoadBalancer, Confidence.Medium,
            "Load balancer could not connect to the target",
            "The request had a target but none of the three processing times could be measured (-1 -1 -1): the connection to the target was refused (TCP RST), unreachable (ICMP) or, for an HTTPS target group, the TLS handshake failed or timed out.",
            "TargetConnectionErrorCount (refused or unreachable) or TargetTLSNegotiationErrorCount (TLS) for the load balancer and target group in the same minutes; HTTPCode_ELB_502_Count.",
            "Check that the application listens on the target port on all interfaces and is running; that security groups and network ACLs allow the load balancer subnets to reach the target port (and return traffic on ports 1024-65535); for HTTPS targets, that the target accepts a protocol and cipher of the load balancer's backend policy."),
        new(Http502Cause.TargetClosedConnection, "target-closed-connection", Origin.LoadBalancer, Confidence.Medium,
            "Target closed the connection while a request was outstanding",
            "The request was sent to the target (request_processing_time measured) but nothing usable came back (response_processing_time -1, no target status): the target closed or reset the connection before or while answering. Most often the target's keep-alive timeout is shorter than the load balancer's idle timeout.",
            "HTTPCode_ELB_502_Count without TargetConnectionErrorCount (the connection had been made); the target's own logs around the same time (no matching request, an abort, a restart); CloudTrail DeregisterTargets for long requests.",
            "Make the target's keep-alive (idle) timeout longer than the load balancer's idle timeout (60 s by default); give long requests a deregistration delay longer than they take, and shut targets down gracefully."),
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
            "Another Lambda error_reason on the function's side: permissions, VPC networking, KMS, the deployment package, a missing function, a request the function cannot take. Each code is listed with its meaning and the fix it calls for.",
            "LambdaUserError for the target group (each code's metric is listed with it).",
            "Fix what each listed code names (see its own remedy)."),
        new(Http502Cause.FixedResponse, "fixed-response", Origin.LoadBalancer, Confidence.High,
            "Configured fixed response (not a failure)",
            "A listener rule answered 502 on purpose with a fixed-response action; reported apart from the error totals.",
            "HTTP_Fixed_Response_Count; the listener rules.",
            "Nothing to fix unless the rule itself is unintended."),
        new(Http502Cause.LoadBalancerOther, "load-balancer-other", Origin.LoadBalancer, Confidence.Low,
            "Other load-balancer 502",
            "A load-balancer 502 that matches no documented signature: an error_reason of authentication, weighted target groups or AWS WAF (listed with its documented meaning), a 502 without a target and without an error_reason, or timings that fit no known shape.",
            "HTTPCode_ELB_502_Count; the metric listed with each error reason; the load balancer's configuration for the listed codes.",
            "Follow the remedy of each listed error reason; for other shapes, compare the samples with docs/causes.md and the target's logs."),
        new(Http502Cause.TargetReturned502, "target-returned-502", Origin.Target, Confidence.High,
            "Target itself answered 502",
            "The target (the application or a proxy on it, such as nginx or Envoy) answered 502 and the load balancer passed it on: the failure is behind the target.",
            "HTTPCode_Target_5XX_Count (not HTTPCode_ELB_502_Count).",
            "Read the target's own logs: its reverse proxy could not reach its upstream (application down, restarting, or timing out)."),
        new(Http502Cause.TargetResponseInvalid, "target-response-invalid", Origin.LoadBalancer, Confidence.Medium,
            "Target answered but the load balancer rejected the response",
            "A target answered (all three processing times measured, or a target status other than 502), yet the client got the load balancer's 502: the response was malformed, had invalid headers, or headers over 32 KB in all.",
            "HTTPCode_ELB_502_Count without TargetConnectionErrorCount; the response as the target sends it, with curl -v straight to the target or a packet capture.",
            "Make the target send a valid response: a proper status line, header names and values without invalid characters, no multi-line headers, consistent Content-Length and Transfer-Encoding, and under 32 KB of headers in all (cookies, CSP and debug headers grow)."),
        new(Http502Cause.LambdaInternalError, "lambda-internal-error", Origin.LoadBalancer, Confidence.High,
            "AWS-side failure invoking the Lambda target",
            "The load balancer could not reach Lambda, Lambda failed internally, or the load balancer failed while invoking the function (error_reason LambdaConnectionError, LambdaServiceException or LambdaUnhandledException): not the function's code.",
            "LambdaInternalError for the target group (not LambdaUserError); the AWS Health Dashboard for Lambda and Elastic Load Balancing in the region.",
            "Nothing to fix in the function: retry the requests, check the AWS Health Dashboard, and open a support case if it persists."),
    ];

    private static readonly HypothesisInfo[] s_hypotheses =
    [
        new(Hypothesis.None, "", Confidence.Low, "", "", ""),
        new(Hypothesis.KeepAliveRace, "keep-alive-race", Confidence.Medium, "Keep-alive timeout shorter than the load balancer's",
            "The target closed an idle keep-alive connection just as the load balancer sent a request on it: its keep-alive (idle) timeout is shorter than the load balancer's idle timeout. The usual reason for this line, whatever the target time; it shows on most targets of the group, because it is the application's configuration.",
            "Set the target's keep-alive or idle timeout longer than the load balancer's idle timeout (60 s by default): Node.js server.keepAliveTimeout (5 s by default), gunicorn --keep-alive (a few seconds by default), Apache KeepAliveTimeout, nginx keepalive_timeout, all above 60 s."),
        new(Hypothesis.LongRequestCut, "long-request-cut", Confidence.Low, "Long request cut off",
            "The target had been working for 30 s or more, or it stopped serving after these 502s while the other targets went on: the deregistration delay expired while requests were in flight (deregistered, scaled in or terminated), or a timeout on the target cut them.",
            "Compare with DeregisterTargets events (CloudTrail, Auto Scaling, ECS) and the target group's deregistration delay; raise it above the longest request and shut down gracefully, or fix the target-side timeout."),
        new(Hypothesis.ClosedMidRequest, "closed-mid-request", Confidence.Low, "Closed mid-request",
            "No longer produced: these lines are now keep-alive-race or target-crash.",
            "See keep-alive-race and target-crash."),
        new(Hypothesis.TargetDown, "target-down", Confidence.Medium, "Target down",
            "Every request this target received in the analyzed window failed to connect: nothing listens there, or it is unreachable.",
            "Check that the process runs and listens on the registered port; check security groups and network ACLs; deregister dead targets."),
        new(Hypothesis.Intermittent, "intermittent", Confidence.Medium, "Intermittent connection failures",
            "The target also served other requests in the same window: it refuses connections now and then (restarts, listen backlog, connection limits).",
            "Look for restarts and full accept queues on the target; make health checks reflect readiness."),
        new(Hypothesis.TlsHandshake, "tls-handshake", Confidence.Low, "TLS handshake to the target",
            "The target speaks HTTPS: the TLS handshake from the load balancer may have failed (no common protocol or cipher).",
            "Confirm with TargetTLSNegotiationErrorCount; make the target accept a protocol and cipher of the load balancer's backend security policy."),
        new(Hypothesis.TlsHandshakeTimeout, "tls-handshake-timeout", Confidence.Medium, "TLS handshake to the target timed out",
            "The load balancer gave up after about 10 s (time - request_creation_time of 9.5 s or more) without a connection: the TLS handshake timeout AWS lists among its 502 causes. A refused or unreachable target answers within milliseconds.",
            "Confirm with TargetTLSNegotiationErrorCount; check that the target completes TLS handshakes promptly (CPU, accept queue, a protocol and cipher of the backend policy)."),
        new(Hypothesis.TargetCrash, "target-crash", Confidence.Medium, "A few targets failing",
            "These 502s concentrate on a few targets while the other targets of the same target group serve the same traffic cleanly: those targets are crashing, restarting or closing connections. A keep-alive mismatch would show on most targets of the group.",
            "Look at the listed targets: process restarts, out-of-memory kills, container exits and their own logs at those minutes; replace unhealthy instances."),
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
