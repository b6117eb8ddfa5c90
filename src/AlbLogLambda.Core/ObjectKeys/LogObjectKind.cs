namespace AlbLogLambda.Core.ObjectKeys;

/// <summary>
/// What an object's name says it is: other log kinds share the access logs' prefix and suffix, and only ALB
/// access logs are analyzed.
/// </summary>
public enum LogObjectKind
{
    /// <summary><c>acct_elasticloadbalancing_region_app.name.id_end_ip_rand.log.gz</c>.</summary>
    AlbAccessLog,
    AlbConnectionLog,
    AlbHealthCheckLog,
    NetworkLoadBalancerLog,
    ClassicLoadBalancerLog,
    AccessLogTestFile,

    /// <summary>A name in none of ELB's formats (a renamed or hand-made file).</summary>
    Unknown,
}
