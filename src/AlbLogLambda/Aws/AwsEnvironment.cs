namespace AlbLogLambda.Aws;

/// <summary>
/// The AWS settings the function reads from its environment, in one place: region and per-service endpoint overrides
/// (the SDKs' documented <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> / <c>AWS_ENDPOINT_URL</c> variables).
/// </summary>
internal static class AwsEnvironment
{
    public const string RegionVariable = "AWS_REGION";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>Reads a variable of the process environment; empty counts as unset.</summary>
    public static string? ProcessVariable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>AWS_REGION, or null.</summary>
    public static string? Region(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(RegionVariable) is { Length: > 0 } region ? region : null;
    }

    /// <summary>
    /// The endpoint override for a service: <c>AWS_ENDPOINT_URL_{serviceId}</c>, else <c>AWS_ENDPOINT_URL</c>, else null
    /// (the public endpoint). <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> disables both.
    /// </summary>
    /// <param name="serviceId">The SDK's service identifier in upper case: <c>S3</c>, <c>SNS</c>.</param>
    /// <param name="environment">Variable lookup (the process environment in production).</param>
    /// <exception cref="FormatException">The variable is set but is not an absolute http(s) URL.</exception>
    public static Uri? Endpoint(string serviceId, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment(IgnoreEndpointsVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var serviceVariable = $"{EndpointVariable}_{serviceId}";
        foreach (var variable in (ReadOnlySpan<string>)[serviceVariable, EndpointVariable])
        {
            if (environment(variable) is not { Length: > 0 } value)
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"{variable}='{value}' is not an absolute http or https URL.");
            }

            return uri;
        }

        return null;
    }
}
