namespace AlbLogLambda.Core.Evidence;

/// <summary>The CloudWatch metrics the evidence consults, under their AWS names.</summary>
public static class EvidenceMetrics
{
    public const string LoadBalancerNamespace = "AWS/ApplicationELB";
    public const string LambdaNamespace = "AWS/Lambda";

    /// <summary>502s the load balancer generated itself.</summary>
    public const string Elb502Count = "HTTPCode_ELB_502_Count";

    /// <summary>Every 5xx a target answered (not only 502).</summary>
    public const string Target5xxCount = "HTTPCode_Target_5XX_Count";

    /// <summary>Connections to targets that were refused or could not be established (TLS excluded).</summary>
    public const string TargetConnectionErrorCount = "TargetConnectionErrorCount";

    /// <summary>TLS handshakes to HTTPS targets that failed.</summary>
    public const string TargetTlsNegotiationErrorCount = "TargetTLSNegotiationErrorCount";

    /// <summary>Requests to a Lambda target that failed because of the function (its error, size, throttling, permissions).</summary>
    public const string LambdaUserError = "LambdaUserError";

    /// <summary>Requests to a Lambda target that failed inside AWS (the Lambda service or the load balancer's connection to it).</summary>
    public const string LambdaInternalError = "LambdaInternalError";

    /// <summary>Fixed responses a listener rule gave.</summary>
    public const string FixedResponseCount = "HTTP_Fixed_Response_Count";

    /// <summary>The function's throttled invocations (AWS/Lambda, Sum).</summary>
    public const string Throttles = "Throttles";

    /// <summary>The function's failed invocations (AWS/Lambda, Sum).</summary>
    public const string Errors = "Errors";

    /// <summary>The function's longest run in milliseconds (AWS/Lambda Duration, Maximum).</summary>
    public const string MaxDuration = "Duration";

    /// <summary>The load balancer's metrics asked for per load balancer and per target group, summed over the window.</summary>
    public static IReadOnlyList<string> LoadBalancerCounts { get; } =
    [
        Elb502Count, Target5xxCount, TargetConnectionErrorCount, TargetTlsNegotiationErrorCount, LambdaUserError,
        LambdaInternalError, FixedResponseCount,
    ];
}
