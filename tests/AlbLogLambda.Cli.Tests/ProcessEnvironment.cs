namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// Tests that set process-wide environment variables (AWS endpoints, credentials, ALERT_TOPIC_ARN…) run in this
/// collection: never in parallel with any other test, so no other test sees the changed variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentDefinition
{
    public const string Name = "process environment";
}
