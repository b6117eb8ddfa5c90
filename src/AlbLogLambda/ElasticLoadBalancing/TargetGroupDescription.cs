namespace AlbLogLambda.ElasticLoadBalancing;

/// <summary>What DescribeTargetGroups says about one target group (the fields the evidence uses).</summary>
/// <param name="TargetGroupArn">The target group.</param>
/// <param name="Name">Its name.</param>
/// <param name="Protocol">HTTP, HTTPS, …; null for Lambda target groups.</param>
/// <param name="TargetType">instance, ip, lambda or alb.</param>
internal sealed record TargetGroupDescription(string TargetGroupArn, string Name, string? Protocol, string TargetType);
