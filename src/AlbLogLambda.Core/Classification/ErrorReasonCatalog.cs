namespace AlbLogLambda.Core.Classification;

/// <summary>
/// Every error_reason code AWS documents for the access log (authentication, weighted target groups, Lambda
/// targets, AWS WAF), in the product's words: meaning, the metric the load balancer increments, the remedy.
/// The Lambda metric split (LambdaUserError: the function's side; LambdaInternalError: the load balancer's or
/// Lambda's side) is AWS's own. docs/causes.md lists them.
/// </summary>
public static class ErrorReasonCatalog
{
    public const string LambdaUserError = "LambdaUserError";
    public const string LambdaInternalError = "LambdaInternalError";

    private const string KmsRemedy = "Check the function's KMS key: that it exists, is enabled, and that the function's role may decrypt with it.";
    private const string VpcRemedy = "Check the function's VPC configuration: subnets, security groups, free IP addresses and the account's network-interface quota.";
    private const string AwsSideRemedy = "An AWS-side failure, not the function's code: retry, check the AWS Health Dashboard for Lambda and Elastic Load Balancing in the region, and open a support case if it persists.";
    private const string AuthFailureRemedy = "Check the identity provider's configuration on the listener rule (endpoints, client id and secret) and the user's session; the ELBAuthFailure metric counts these.";
    private const string AuthErrorRemedy = "Check that the load balancer can reach the identity provider's endpoints (DNS, routes, security groups to the internet) and that the provider is up; the ELBAuthError metric counts these.";
    private const string WafRemedy = "Check AWS WAF's health in the region and the web ACL associated with the load balancer; consider WAF fail-open on the load balancer if availability matters more.";

    private static readonly ErrorReasonInfo[] s_codes =
    [
        // Lambda targets.
        new("LambdaAccessDenied", "The load balancer was not allowed to invoke the function.", LambdaUserError,
            "Grant elasticloadbalancing.amazonaws.com lambda:InvokeFunction on the function (its resource-based policy), for the target group's ARN."),
        new("LambdaBadRequest", "The client sent request headers or a body that are not valid UTF-8, so Lambda could not be invoked with them.", LambdaUserError,
            "Nothing to fix in the function: the clients send non-UTF-8 headers or body. Find them (client address, user agent), or enable multi-value headers and base64 bodies where binary data is expected."),
        new("LambdaConnectionError", "The load balancer could not connect to Lambda.", LambdaInternalError, AwsSideRemedy),
        new("LambdaConnectionTimeout", "The connection from the load balancer to Lambda timed out.", LambdaInternalError, AwsSideRemedy),
        new("LambdaEC2AccessDeniedException", "Amazon EC2 denied Lambda access while it set up the function's VPC networking.", LambdaUserError,
            "Check the function's execution role: it needs the EC2 network-interface permissions (AWSLambdaVPCAccessExecutionRole)."),
        new("LambdaEC2ThrottledException", "Amazon EC2 throttled Lambda while it set up the function's VPC networking.", LambdaUserError,
            "Reduce how fast new execution environments start (reserved or provisioned concurrency), or ask for a higher EC2 API limit."),
        new("LambdaEC2UnexpectedException", "Amazon EC2 failed unexpectedly while Lambda set up the function's VPC networking.", LambdaUserError,
            "Retry; if it persists, check the AWS Health Dashboard and open a support case."),
        new("LambdaENILimitReachedException", "Lambda could not create a network interface in the function's VPC: the network-interface quota is reached.", LambdaUserError, VpcRemedy),
        new("LambdaInvalidResponse", "The function's response was malformed or lacked required fields.", LambdaUserError,
            "Return statusCode, headers (string values only), body and isBase64Encoded as the load balancer's Lambda integration expects."),
        new("LambdaInvalidRuntimeException", "The function's runtime version is not supported.", LambdaUserError,
            "Move the function to a supported runtime."),
        new("LambdaInvalidSecurityGroupIDException", "A security group in the function's VPC configuration does not exist.", LambdaUserError, VpcRemedy),
        new("LambdaInvalidSubnetIDException", "A subnet in the function's VPC configuration does not exist.", LambdaUserError, VpcRemedy),
        new("LambdaInvalidZipFileException", "Lambda could not unzip the function's deployment package.", LambdaUserError,
            "Redeploy the function with a valid package."),
        new("LambdaKMSAccessDeniedException", "Lambda could not decrypt the function's environment variables: access to the KMS key was denied.", LambdaUserError, KmsRemedy),
        new("LambdaKMSDisabledException", "Lambda could not decrypt the function's environment variables: the KMS key is disabled.", LambdaUserError, KmsRemedy),
        new("LambdaKMSInvalidStateException", "Lambda could not decrypt the function's environment variables: the KMS key is in a state that does not allow it.", LambdaUserError, KmsRemedy),
        new("LambdaKMSNotFoundException", "Lambda could not decrypt the function's environment variables: the KMS key was not found.", LambdaUserError, KmsRemedy),
        new("LambdaRequestTooLarge", "The request body was over 1 MB, the most a Lambda target accepts.", LambdaUserError,
            "Keep request bodies under 1 MB (upload large content to S3 directly, with a presigned URL)."),
        new("LambdaResourceNotFound", "The function could not be found.", LambdaUserError,
            "Register an existing function (and version or alias) in the target group."),
        new("LambdaResponseTooLarge", "The function's response was over 1 MB, the most the load balancer accepts.", LambdaUserError,
            "Keep the response under 1 MB: return large bodies through S3 (a presigned URL) or paginate."),
        new("LambdaServiceException", "Lambda failed internally.", LambdaInternalError, AwsSideRemedy),
        new("LambdaSubnetIPAddressLimitReachedException", "Lambda could not set up the function's VPC access: a subnet has no free IP address.", LambdaUserError, VpcRemedy),
        new("LambdaThrottling", "Lambda throttled the function: too many requests for its concurrency.", LambdaUserError,
            "Raise the function's reserved concurrency or the account's concurrency quota, or smooth the traffic; watch the function's Throttles metric."),
        new("LambdaUnhandled", "The function raised an unhandled error, or ran past its timeout.", LambdaUserError,
            "Fix the exception (the function's logs and Errors metric), or raise its timeout if Duration reaches it."),
        new("LambdaUnhandledException", "The load balancer failed unexpectedly while invoking the function.", LambdaInternalError, AwsSideRemedy),
        new("LambdaWebsocketNotSupported", "A client asked for a WebSocket, which Lambda targets do not support.", LambdaUserError,
            "Route WebSocket traffic to an instance or IP target group, or to API Gateway WebSocket APIs."),

        // Authentication (authenticate action).
        new("AuthInvalidCookie", "The authentication session cookie was not valid.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthInvalidGrantError", "The identity provider's token endpoint rejected the authorization grant code.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthInvalidIdToken", "The ID token was not valid.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthInvalidStateParam", "The state parameter was not valid.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthInvalidTokenResponse", "The token endpoint's response was not valid.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthInvalidUserinfoResponse", "The user info endpoint's response was not valid.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthMissingCodeParam", "The authorization endpoint's answer lacked the code query parameter.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthMissingHostHeader", "The authorization endpoint's answer lacked a Host header.", "ELBAuthError", AuthErrorRemedy),
        new("AuthMissingStateParam", "The authorization endpoint's answer lacked the state query parameter.", "ELBAuthFailure", AuthFailureRemedy),
        new("AuthTokenEpRequestFailed", "The token endpoint answered with an error (not 2xx).", "ELBAuthError", AuthErrorRemedy),
        new("AuthTokenEpRequestTimeout", "The load balancer could not reach the token endpoint in time.", "ELBAuthError", AuthErrorRemedy),
        new("AuthUnhandledException", "The load balancer failed unexpectedly during authentication.", "ELBAuthError", AuthErrorRemedy),
        new("AuthUserinfoEpRequestFailed", "The user info endpoint answered with an error (not 2xx).", "ELBAuthError", AuthErrorRemedy),
        new("AuthUserinfoEpRequestTimeout", "The load balancer could not reach the user info endpoint in time.", "ELBAuthError", AuthErrorRemedy),
        new("AuthUserinfoResponseSizeExceeded", "The identity provider returned claims over 11 KB.", "ELBAuthUserClaimsSizeExceeded",
            "Make the identity provider return fewer or smaller claims."),

        // Weighted target groups.
        new("AWSALBTGCookieInvalid", "The AWSALBTG cookie of weighted target groups was not valid (for example, URL-encoded by the client).", "",
            "Make clients send the AWSALBTG cookie back exactly as received."),
        new("WeightedTargetGroupsUnhandledException", "The load balancer failed unexpectedly while choosing among weighted target groups.", "",
            "Retry; if it persists, check the AWS Health Dashboard and open a support case."),

        // AWS WAF.
        new("WAFConnectionError", "The load balancer could not connect to AWS WAF.", "", WafRemedy),
        new("WAFConnectionTimeout", "The connection to AWS WAF timed out.", "", WafRemedy),
        new("WAFResponseReadTimeout", "A request to AWS WAF timed out.", "", WafRemedy),
        new("WAFServiceError", "AWS WAF answered with a 5xx error.", "", WafRemedy),
        new("WAFUnhandledException", "The load balancer failed unexpectedly while calling AWS WAF.", "", WafRemedy),
    ];

    private static readonly Dictionary<string, ErrorReasonInfo> s_byCode = s_codes.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyList<ErrorReasonInfo> All => s_codes;

    /// <summary>The documented code, or null for a code AWS does not document (reported as seen).</summary>
    public static ErrorReasonInfo? Find(string code) => s_byCode.GetValueOrDefault(code);

    /// <summary>
    /// The Lambda codes that are AWS-side failures (counted in LambdaInternalError) and still answer 502: the
    /// lambda-internal-error cause. LambdaConnectionTimeout is internal too, but the load balancer answers it with 504.
    /// </summary>
    public static bool IsLambdaInternal502(ReadOnlySpan<byte> code) =>
        code.SequenceEqual("LambdaConnectionError"u8) || code.SequenceEqual("LambdaServiceException"u8)
        || code.SequenceEqual("LambdaUnhandledException"u8);
}
