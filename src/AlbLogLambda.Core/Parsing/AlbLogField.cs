namespace AlbLogLambda.Core.Parsing;

/// <summary>
/// The fields of an ALB access-log entry, in the order AWS documents them (docs/log-format.md). The value
/// of each member is its zero-based position in the line. AWS adds new fields at the end only, so the order
/// never changes; a line may stop early (older formats) or carry more (fields not documented yet).
/// </summary>
public enum AlbLogField
{
    /// <summary><c>type</c>: The request or connection type: http, https, h2, grpcs, ws, wss (others are accepted).</summary>
    Type = 0,

    /// <summary><c>time</c>: When the load balancer answered the client (ISO 8601 UTC); for WebSockets, when the connection closed.</summary>
    Time = 1,

    /// <summary><c>elb</c>: The load balancer's resource id, <c>app/NAME/ID</c>.</summary>
    Elb = 2,

    /// <summary><c>client:port</c>: The client's <c>ip:port</c> (a proxy's, if one is in front).</summary>
    Client = 3,

    /// <summary><c>target:port</c>: The target's <c>ip:port</c>; <c>-</c> when no IP target got the request (incomplete request, Lambda target, WAF block, redirect or fixed response).</summary>
    Target = 4,

    /// <summary><c>request_processing_time</c>: Seconds from receiving the request to sending it to a target; -1 when it could not be dispatched.</summary>
    RequestProcessingTime = 5,

    /// <summary><c>target_processing_time</c>: Seconds from sending the request to the target until its response headers began; -1 when the target did not answer.</summary>
    TargetProcessingTime = 6,

    /// <summary><c>response_processing_time</c>: Seconds from the target's response headers to the response to the client; -1 when no response could be sent on.</summary>
    ResponseProcessingTime = 7,

    /// <summary><c>elb_status_code</c>: The status code the load balancer answered with.</summary>
    ElbStatusCode = 8,

    /// <summary><c>target_status_code</c>: The status code the target answered with; <c>-</c> when no response from a target was received.</summary>
    TargetStatusCode = 9,

    /// <summary><c>received_bytes</c>: Bytes received from the client, headers included.</summary>
    ReceivedBytes = 10,

    /// <summary><c>sent_bytes</c>: Bytes sent to the client, headers included.</summary>
    SentBytes = 11,

    /// <summary><c>request</c>: The request line: method, URL as sent, protocol version (quoted).</summary>
    Request = 12,

    /// <summary><c>user_agent</c>: The User-Agent header (quoted, cut at 8 KB).</summary>
    UserAgent = 13,

    /// <summary><c>ssl_cipher</c>: The client-side TLS cipher; <c>-</c> on a plain listener.</summary>
    SslCipher = 14,

    /// <summary><c>ssl_protocol</c>: The client-side TLS protocol; <c>-</c> on a plain listener.</summary>
    SslProtocol = 15,

    /// <summary><c>target_group_arn</c>: The ARN of the target group the request was routed to; <c>-</c> when none.</summary>
    TargetGroupArn = 16,

    /// <summary><c>trace_id</c>: The X-Amzn-Trace-Id header (quoted).</summary>
    TraceId = 17,

    /// <summary><c>domain_name</c>: The SNI name the client sent (quoted).</summary>
    DomainName = 18,

    /// <summary><c>chosen_cert_arn</c>: The certificate presented to the client, or <c>session-reused</c> (quoted).</summary>
    ChosenCertArn = 19,

    /// <summary><c>matched_rule_priority</c>: The listener rule that matched: 1 to 50,000, 0 for the default action, -1 for a rule evaluation error.</summary>
    MatchedRulePriority = 20,

    /// <summary><c>request_creation_time</c>: When the load balancer received the request (ISO 8601 UTC).</summary>
    RequestCreationTime = 21,

    /// <summary><c>actions_executed</c>: Comma-separated actions taken: authenticate, fixed-response, forward, redirect, waf, waf-failed (quoted).</summary>
    ActionsExecuted = 22,

    /// <summary><c>redirect_url</c>: The Location of a redirect action (quoted).</summary>
    RedirectUrl = 23,

    /// <summary><c>error_reason</c>: The error code of a failed authentication, Lambda, WAF or weighted-target-group step (quoted).</summary>
    ErrorReason = 24,

    /// <summary><c>target:port_list</c>: The targets that processed the request (quoted; today one item, equal to target:port).</summary>
    TargetPortList = 25,

    /// <summary><c>target_status_code_list</c>: Their status codes (quoted; today one item, equal to target_status_code).</summary>
    TargetStatusCodeList = 26,

    /// <summary><c>classification</c>: The desync mitigation classification: Acceptable, Ambiguous or Severe; <c>-</c> when compliant (quoted).</summary>
    Classification = 27,

    /// <summary><c>classification_reason</c>: Why the request got that classification (quoted).</summary>
    ClassificationReason = 28,

    /// <summary><c>conn_trace_id</c>: The traceability id (<c>TID_...</c>) shared with the connection log.</summary>
    ConnTraceId = 29,

    /// <summary><c>transformed_host</c>: The Host header after a host-header rewrite (quoted).</summary>
    TransformedHost = 30,

    /// <summary><c>transformed_uri</c>: The URL after a URL rewrite (quoted).</summary>
    TransformedUri = 31,

    /// <summary><c>request_transform_status</c>: The outcome of the request transforms (quoted).</summary>
    RequestTransformStatus = 32,
}
