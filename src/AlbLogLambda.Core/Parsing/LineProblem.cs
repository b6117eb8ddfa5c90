namespace AlbLogLambda.Core.Parsing;

/// <summary>Why a line is malformed or foreign. Stable for tests; <see cref="LineProblemText"/> says it in words.</summary>
public enum LineProblem
{
    None,
    TooFewFields,
    BadType,
    BadTime,
    BadLoadBalancer,
    BadElbStatusCode,
    BadTargetStatusCode,
    BadReceivedBytes,
    BadSentBytes,
    TooLong,
    ConnectionOrClassicLogLine,
    HealthCheckLogLine,
    NetworkLoadBalancerLogLine,
    AccessLogTestFileLine,
}
