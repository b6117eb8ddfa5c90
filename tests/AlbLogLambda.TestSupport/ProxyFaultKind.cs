namespace AlbLogLambda.TestSupport;

/// <summary>What <see cref="FaultProxy"/> does to a request instead of passing it through.</summary>
public enum ProxyFaultKind
{
    /// <summary>Reads the request, then closes the connection without a byte of answer (a reset load balancer, a lost node).</summary>
    Drop,

    /// <summary>Reads the request and never answers; the connection stays open until the proxy is disposed.</summary>
    Stall,

    /// <summary>Answers with <see cref="ProxyFault.Status"/> (500 or 503) and an AWS-style XML error body.</summary>
    ServerError,

    /// <summary>Answers as AWS throttles: 503 <c>SlowDown</c> for S3, 400 <c>Throttling</c> for a query API (SNS, ...).</summary>
    Throttle,

    /// <summary>
    /// Passes the request to the upstream, relays the answer's head and the first <see cref="ProxyFault.AfterBytes"/>
    /// bytes of its body, then closes the connection: a body cut mid-way.
    /// </summary>
    DropMidBody,
}
