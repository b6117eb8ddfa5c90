namespace AlbLogLambda.Aws;

/// <summary>One call of an AWS query API (form-encoded POST): where it goes, how it is signed, what it asks.</summary>
/// <param name="Endpoint">The service endpoint, e.g. https://monitoring.eu-west-1.amazonaws.com/.</param>
/// <param name="Region">The signing region.</param>
/// <param name="Service">The signing service name, e.g. monitoring, elasticloadbalancing.</param>
/// <param name="Action">The API action, e.g. GetMetricData.</param>
/// <param name="Version">The API version, e.g. 2010-08-01.</param>
/// <param name="Parameters">The action's parameters in order, flattened the query way (<c>Names.member.1</c>).</param>
internal sealed record AwsQueryRequest(
    Uri Endpoint,
    string Region,
    string Service,
    string Action,
    string Version,
    IReadOnlyList<KeyValuePair<string, string>> Parameters);
