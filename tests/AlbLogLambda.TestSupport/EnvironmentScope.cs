namespace AlbLogLambda.TestSupport;

/// <summary>
/// Sets process environment variables for the scope of a test and restores the previous values on dispose. Tests
/// that use it run in their assembly's non-parallel "process environment" collection.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>
    /// The function's environment against a local s3rver: S3 endpoint and credentials set, every other endpoint,
    /// profile and function setting cleared (plus <paramref name="extra"/>).
    /// </summary>
    public static EnvironmentScope ForLocalS3(Uri s3Endpoint, params (string Name, string? Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(s3Endpoint);
        return new EnvironmentScope(
        [
            ("AWS_ENDPOINT_URL_S3", s3Endpoint.AbsoluteUri),
            ("AWS_ENDPOINT_URL", null),
            ("AWS_ENDPOINT_URL_SNS", null),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", S3rverServer.AccessKeyId),
            ("AWS_SECRET_ACCESS_KEY", S3rverServer.SecretAccessKey),
            ("AWS_SESSION_TOKEN", null),
            ("AWS_PROFILE", null),
            ("ALERT_TOPIC_ARN", null),
            ("MIN_502_COUNT", null),
            ("HTTPS_TARGET_GROUPS", null),
            .. extra,
        ]);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
