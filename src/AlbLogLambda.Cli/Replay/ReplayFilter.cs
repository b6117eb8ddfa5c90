using System.Globalization;
using AlbLogLambda.Core.ObjectKeys;

namespace AlbLogLambda.Cli.Replay;

/// <summary>
/// Which listed keys a replay keeps: ALB access-log objects (by name) whose interval end-time (the key's
/// <c>_YYYYMMDDTHHMMZ_</c> part) lies in [<see cref="From"/>, <see cref="To"/>], both inclusive, and whose load
/// balancer matches <see cref="LoadBalancer"/>.
/// </summary>
internal sealed record ReplayFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? LoadBalancer = null)
{
    private static readonly string[] s_timeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// True when <paramref name="key"/> names an ALB access log that passes the filter. Other log kinds (connection,
    /// health-check, NLB, Classic logs, the test file) and keys in no ELB format never match.
    /// </summary>
    public bool Matches(string key, out AlbLogObjectKey? parsed)
    {
        ArgumentNullException.ThrowIfNull(key);
        parsed = null;
        if (AlbLogObjectKey.Classify(key, out _) != LogObjectKind.AlbAccessLog || !AlbLogObjectKey.TryParse(key, out var k)) return false;
        parsed = k;
        if (From is { } from && k.EndTime < from) return false;
        if (To is { } to && k.EndTime > to) return false;
        return LoadBalancer is null || MatchesLoadBalancer(k, LoadBalancer);
    }

    /// <summary>
    /// <c>my-alb</c> matches the name in the key (<c>app.my-alb.50dc6c495c0c9188</c>); <c>app/my-alb/50dc6c495c0c9188</c>
    /// (the end of the load balancer's ARN) matches that one load balancer only.
    /// </summary>
    private static bool MatchesLoadBalancer(AlbLogObjectKey key, string wanted) =>
        wanted.Contains('/', StringComparison.Ordinal)
            ? string.Equals(key.LoadBalancerId, wanted, StringComparison.Ordinal)
            : string.Equals(key.LoadBalancerName, wanted, StringComparison.Ordinal);

    /// <summary>
    /// Parses an ISO 8601 time with an explicit zone: <c>2026-11-24T10:00Z</c>, <c>2026-11-24T10:00:30Z</c>,
    /// <c>2026-11-24T10:00:30.5Z</c>, or the same with an offset such as <c>+01:00</c> (converted to UTC).
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        time = default;
        var trimmed = text.Trim();
        // An explicit zone is required: a bare local time would silently depend on the machine's time zone.
        if (!trimmed.EndsWith('Z') && !HasOffset(trimmed)) return false;
        if (!DateTimeOffset.TryParseExact(trimmed, s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        time = parsed.ToUniversalTime();
        return true;
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':';
}
