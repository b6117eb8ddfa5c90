using AlbLogLambda.Observability;
using AlbLogLambda.Runtime;

namespace AlbLogLambda;

/// <summary>
/// The process the dotnet10 runtime starts (<c>Handler: AlbLogLambda</c>): build the function once, then
/// serve invocations from the Lambda Runtime API until the environment is shut down.
/// </summary>
internal static class Program
{
    public static Task<int> Main() =>
        LambdaRuntimeClient.InitializeAndRunAsync(_ =>
        {
            var log = new FunctionLog(Console.Out);
            // Lives as long as the process: the execution environment ends it.
            var function = FunctionHost.Create(FunctionSettings.FromEnvironment(), log).Handler;
            Func<LambdaInvocation, CancellationToken, Task<byte[]>> handler = (invocation, cancellationToken) =>
            {
                log.RequestId = invocation.RequestId;
                return function.HandleAsync(invocation.Payload, invocation.Deadline, cancellationToken);
            };
            return Task.FromResult(handler);
        }, CancellationToken.None);
}
