namespace AlbLogLambda.Tests;

/// <summary>
/// Tests that change process-wide environment variables (AWS_ENDPOINT_URL_S3, credentials, …) run in this collection:
/// never in parallel with any other test, so no other test sees the changed variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentDefinition
{
    public const string Name = "process environment";
}
