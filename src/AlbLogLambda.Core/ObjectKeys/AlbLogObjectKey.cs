using System.Globalization;

namespace AlbLogLambda.Core.ObjectKeys;

/// <summary>The parts of an ALB access-log object key (the naming is in docs/log-format.md, "Objects").</summary>
public sealed record AlbLogObjectKey(
    string AccountId,
    string Region,
    string LoadBalancerName,
    string LoadBalancerIdSuffix,
    DateTimeOffset EndTime,
    string NodeAddress)
{
    /// <summary>The load balancer as the log's elb field names it: <c>app/name/id</c>.</summary>
    public string LoadBalancerId => $"app/{LoadBalancerName}/{LoadBalancerIdSuffix}";

    /// <summary>Classifies an object key or file path by its last segment.</summary>
    public static LogObjectKind Classify(string keyOrPath, out string? skipReason)
    {
        ArgumentNullException.ThrowIfNull(keyOrPath);
        string name = FileName(keyOrPath);
        skipReason = null;
        if (name == "ELBAccessLogTestFile")
        {
            skipReason = "ELBAccessLogTestFile: the test object ELB writes when access logging is enabled";
            return LogObjectKind.AccessLogTestFile;
        }
        if (name.StartsWith("conn_log_", StringComparison.Ordinal) || name.StartsWith("conn_log.", StringComparison.Ordinal))
        {
            skipReason = "an ALB connection log, not an access log";
            return LogObjectKind.AlbConnectionLog;
        }
        if (name.StartsWith("health_check_log_", StringComparison.Ordinal))
        {
            skipReason = "an ALB health-check log, not an access log";
            return LogObjectKind.AlbHealthCheckLog;
        }
        var parts = name.Split('_');
        if (parts.Length >= 4 && parts[1] == "elasticloadbalancing")
        {
            if (parts[3].StartsWith("net.", StringComparison.Ordinal))
            {
                skipReason = "a Network Load Balancer log";
                return LogObjectKind.NetworkLoadBalancerLog;
            }
            if (!parts[3].StartsWith("app.", StringComparison.Ordinal))
            {
                skipReason = "a Classic Load Balancer log";
                return LogObjectKind.ClassicLoadBalancerLog;
            }
            return TryParse(keyOrPath, out _) ? LogObjectKind.AlbAccessLog : LogObjectKind.Unknown;
        }
        return LogObjectKind.Unknown;
    }

    /// <summary>Parses <c>acct_elasticloadbalancing_region_app.name.id_YYYYMMDDTHHMMZ_ip_rand.log.gz</c>.</summary>
    public static bool TryParse(string keyOrPath, out AlbLogObjectKey key)
    {
        ArgumentNullException.ThrowIfNull(keyOrPath);
        key = null!;
        string name = FileName(keyOrPath);
        if (!name.EndsWith(".log.gz", StringComparison.Ordinal)) return false;
        var parts = name[..^".log.gz".Length].Split('_');
        // Load balancer names have no underscore, so the positions are fixed.
        if (parts.Length != 7 || parts[1] != "elasticloadbalancing") return false;
        if (parts[0].Length != 12 || !parts[0].All(char.IsAsciiDigit)) return false;
        var lb = parts[3].Split('.');
        if (lb.Length != 3 || lb[0] != "app" || lb[1].Length == 0 || lb[2].Length == 0) return false;
        if (!DateTimeOffset.TryParseExact(parts[4], "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end))
        {
            return false;
        }
        key = new AlbLogObjectKey(parts[0], parts[2], lb[1], lb[2], end, parts[5]);
        return true;
    }

    private static string FileName(string keyOrPath)
    {
        int slash = keyOrPath.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? keyOrPath : keyOrPath[(slash + 1)..];
    }
}
