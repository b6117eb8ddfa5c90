namespace AlbLogLambda.Core.Evidence;

/// <summary>What <c>DescribeTargetGroups</c> says about a target group.</summary>
/// <param name="Protocol">HTTP or HTTPS; null for Lambda target groups, which have none.</param>
/// <param name="TargetType">instance, ip, lambda or alb.</param>
/// <param name="Name">The target group's name.</param>
public sealed record TargetGroupConfiguration(string? Protocol, string TargetType, string Name)
{
    public bool IsHttps => string.Equals(Protocol, "HTTPS", StringComparison.OrdinalIgnoreCase);

    public bool IsLambda => string.Equals(TargetType, "lambda", StringComparison.OrdinalIgnoreCase);
}
