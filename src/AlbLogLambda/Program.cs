using AlbLogLambda.Aws;
using AlbLogLambda.Notification;
using AlbLogLambda.Runtime;

namespace AlbLogLambda;

/// <summary>
/// The process the dotnet10 runtime starts (<c>Handler: AlbLogLambda</c>): build the clients once, then
/// serve invocations from the Lambda Runtime API until the environment is shut down.
/// </summary>
internal static class Program
{
    public static Task<int> Main() =>
        LambdaRuntimeClient.InitializeAndRunAsync(_ =>
        {
            var log = new FunctionLog(Console.Out);
            var function = FunctionHost.Create(FunctionSettings.FromEnvironment(), log);
            Func<LambdaInvocation, CancellationToken, Task<byte[]>> handler = (invocation, cancellationToken) =>
            {
                log.RequestId = invocation.RequestId;
                return function.HandleAsync(invocation.Payload, invocation.Deadline, cancellationToken);
            };
            return Task.FromResult(handler);
        }, CancellationToken.None);
}

/// <summary>Wires the function to real AWS clients (S3, SNS) built from the environment; the CLI's `invoke` uses it too.</summary>
internal static class FunctionHost
{
    public static Function Create(FunctionSettings settings, FunctionLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var source = S3LogObjectSource.FromEnvironment();
        IAlertPublisher publisher = settings.AlertTopicArn is { } topic
            ? new SnsAlertPublisher(SnsPublisher.FromEnvironment(), topic, log)
            : new LogAlertPublisher(log);
        return new Function(settings, source, publisher, log);
    }
}
