using AlbLogLambda.Aws;

namespace AlbLogLambda.ElasticLoadBalancing;

/// <summary>
/// Elastic Load Balancing v2 over the query API (version 2015-12-01, signing name <c>elasticloadbalancing</c>): the
/// four Describe calls of AWSSDK.ElasticLoadBalancingV2's <c>AmazonElasticLoadBalancingV2Client</c> this product
/// needs, in its shape, so that the package can replace this file.
/// </summary>
internal sealed class ElasticLoadBalancingV2Client
{
    /// <summary>Environment variable suffix of the endpoint override: AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2.</summary>
    public const string ServiceId = "ELASTIC_LOAD_BALANCING_V2";

    private const string Service = "elasticloadbalancing";
    private const string Version = "2015-12-01";

    private readonly AwsQueryClient _query;
    private readonly Uri? _endpoint;

    /// <param name="query">The signed transport.</param>
    /// <param name="endpoint">An endpoint override; null for the region's public one.</param>
    public ElasticLoadBalancingV2Client(AwsQueryClient query, Uri? endpoint)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _endpoint = endpoint;
    }

    /// <summary>One target group's protocol, target type and name.</summary>
    /// <exception cref="AwsQueryException">Refused (TargetGroupNotFound for a deleted group), or unreachable.</exception>
    public async Task<TargetGroupDescription> DescribeTargetGroupsAsync(string region, string targetGroupArn, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(region, "DescribeTargetGroups", [KeyValuePair.Create("TargetGroupArns.member.1", targetGroupArn)], cancellationToken);
        var group = answer.Find("DescribeTargetGroupsResult")?.Members("TargetGroups")
            .FirstOrDefault(m => m.ChildText("TargetGroupArn") == targetGroupArn)
            ?? throw Invalid("DescribeTargetGroups", $"no target group {targetGroupArn} in the answer");
        return new TargetGroupDescription(
            targetGroupArn,
            group.ChildText("TargetGroupName") ?? string.Empty,
            group.ChildText("Protocol"),
            group.ChildText("TargetType") ?? "instance");
    }

    /// <summary>A target group's attributes by key (e.g. deregistration_delay.timeout_seconds).</summary>
    public Task<IReadOnlyDictionary<string, string>> DescribeTargetGroupAttributesAsync(string region, string targetGroupArn, CancellationToken cancellationToken) =>
        AttributesAsync(region, "DescribeTargetGroupAttributes", KeyValuePair.Create("TargetGroupArn", targetGroupArn), cancellationToken);

    /// <summary>A load balancer's attributes by key (e.g. idle_timeout.timeout_seconds).</summary>
    public Task<IReadOnlyDictionary<string, string>> DescribeLoadBalancerAttributesAsync(string region, string loadBalancerArn, CancellationToken cancellationToken) =>
        AttributesAsync(region, "DescribeLoadBalancerAttributes", KeyValuePair.Create("LoadBalancerArn", loadBalancerArn), cancellationToken);

    /// <summary>The ids of a target group's registered targets (for a Lambda target group: the function ARN).</summary>
    public async Task<IReadOnlyList<string>> DescribeTargetHealthAsync(string region, string targetGroupArn, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(region, "DescribeTargetHealth", [KeyValuePair.Create("TargetGroupArn", targetGroupArn)], cancellationToken);
        var result = answer.Find("DescribeTargetHealthResult") ?? throw Invalid("DescribeTargetHealth", "no DescribeTargetHealthResult");
        return [.. result.Members("TargetHealthDescriptions").Select(m => m.Child("Target")?.ChildText("Id")).OfType<string>()];
    }

    private async Task<IReadOnlyDictionary<string, string>> AttributesAsync(
        string region, string action, KeyValuePair<string, string> resource, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(region, action, [resource], cancellationToken);
        var result = answer.Find(action + "Result") ?? throw Invalid(action, $"no {action}Result");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in result.Members("Attributes"))
        {
            if (member.ChildText("Key") is { } key)
            {
                attributes[key] = member.ChildText("Value") ?? string.Empty;
            }
        }

        return attributes;
    }

    private async Task<System.Xml.Linq.XDocument> CallAsync(
        string region, string action, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        await _query.CallAsync(
            new AwsQueryRequest(_endpoint ?? AwsQueryClient.DefaultEndpoint(Service, region), region, Service, action, Version, parameters),
            cancellationToken);

    private static AwsQueryException Invalid(string action, string what) =>
        new($"{action} answered unreadably: {what}.", denied: false, "InvalidResponse", what, statusCode: null, attempts: 1, innerException: null);
}
