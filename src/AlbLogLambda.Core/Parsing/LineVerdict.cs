namespace AlbLogLambda.Core.Parsing;

/// <summary>What a line is, as decided by <see cref="AlbLogParser.Parse"/>.</summary>
public enum LineVerdict
{
    /// <summary>An ALB access-log entry.</summary>
    Entry,

    /// <summary>Empty or only spaces: ignored, not counted.</summary>
    Blank,

    /// <summary>A line of another log kind (connection, health-check, NLB, Classic, test file): skipped, never an entry.</summary>
    Foreign,

    /// <summary>Cannot be an ALB entry; counted as malformed with a reason.</summary>
    Malformed,
}

/// <summary>Why a line is malformed or foreign. Stable for tests; <see cref="LineProblemText"/> says it in words.</summary>
public enum LineProblem
{
    None,
    TooFewFields,
    BadType,
    BadTime,
    BadLoadBalancer,
    BadStatusCode,
    TooLong,
    ConnectionOrClassicLogLine,
    HealthCheckLogLine,
    NetworkLoadBalancerLogLine,
    AccessLogTestFileLine,
}

public static class LineProblemText
{
    /// <summary>True for the problems that mean "a line of another log kind", not a broken line.</summary>
    public static bool IsForeign(this LineProblem problem) => problem is LineProblem.ConnectionOrClassicLogLine
        or LineProblem.HealthCheckLogLine or LineProblem.NetworkLoadBalancerLogLine or LineProblem.AccessLogTestFileLine;

    public static string Describe(LineProblem problem) => problem switch
    {
        LineProblem.TooFewFields => "fewer than the 12 fields an entry has through sent_bytes",
        LineProblem.BadType => "field 1 (type) is not a request type such as http, https or h2",
        LineProblem.BadTime => "field 2 (time) is not an ISO 8601 UTC timestamp",
        LineProblem.BadLoadBalancer => "field 3 (elb) is not an Application Load Balancer id (app/...)",
        LineProblem.BadStatusCode => "field 9 or 10 (status codes) is neither a 3-digit code nor -",
        LineProblem.TooLong => "line longer than the line cap",
        LineProblem.ConnectionOrClassicLogLine => "an ALB connection-log or Classic Load Balancer log line",
        LineProblem.HealthCheckLogLine => "an ALB health-check log line",
        LineProblem.NetworkLoadBalancerLogLine => "a Network Load Balancer log line",
        LineProblem.AccessLogTestFileLine => "the ELBAccessLogTestFile line written when access logging is enabled",
        _ => "none",
    };
}
