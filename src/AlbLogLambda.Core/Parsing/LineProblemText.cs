namespace AlbLogLambda.Core.Parsing;

public static class LineProblemText
{
    /// <summary>True for the problems that mean "a line of another log kind", not a broken line.</summary>
    public static bool IsForeign(this LineProblem problem) => problem is LineProblem.ConnectionOrClassicLogLine
        or LineProblem.HealthCheckLogLine or LineProblem.NetworkLoadBalancerLogLine or LineProblem.AccessLogTestFileLine;

    public static string Describe(LineProblem problem) => problem switch
    {
        LineProblem.TooFewFields => "fewer than the 12 fields an entry has through sent_bytes",
        LineProblem.BadType => AlbLogField.Type.Describe() + " is not a request type such as http, https or h2",
        LineProblem.BadTime => AlbLogField.Time.Describe() + " is not an ISO 8601 UTC timestamp",
        LineProblem.BadLoadBalancer => AlbLogField.Elb.Describe() + " is not an Application Load Balancer id (app/...)",
        LineProblem.BadElbStatusCode => AlbLogField.ElbStatusCode.Describe() + " is neither a 3-digit code nor -",
        LineProblem.BadTargetStatusCode => AlbLogField.TargetStatusCode.Describe() + " is neither a 3-digit code nor -",
        LineProblem.BadReceivedBytes => AlbLogField.ReceivedBytes.Describe() + " is neither a whole number nor -",
        LineProblem.BadSentBytes => AlbLogField.SentBytes.Describe() + " is neither a whole number nor -",
        LineProblem.TooLong => "line longer than the line cap",
        LineProblem.ConnectionOrClassicLogLine => "an ALB connection-log or Classic Load Balancer log line",
        LineProblem.HealthCheckLogLine => "an ALB health-check log line",
        LineProblem.NetworkLoadBalancerLogLine => "a Network Load Balancer log line",
        LineProblem.AccessLogTestFileLine => "the ELBAccessLogTestFile line written when access logging is enabled",
        _ => "none",
    };
}
