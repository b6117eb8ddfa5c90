using AlbLogLambda.Observability;
using AlbLogLambda.Runtime;

namespace AlbLogLambda;

/// <summary>
/// The process the dotnet10 runtime starts (<c>Handler: AlbLogLambda</c>): build the function once, then
/// serve invocations from the Lambda Runtime API until the environment is shut down.
/// </summary>
internal static class Program
{
    public static Task<int> Main()
    {
        // One log for the runtime loop and the function: the loop stamps each line with the invocation's request id.
        var log = new FunctionLog(Console.Out);
        return LambdaRuntimeClient.InitializeAndRunAsync(_ =>
        {
            // Lives as long as the process: the execution environment ends it.
            var function = FunctionHost.Create(FunctionSettings.FromEnvironment(), log).Handler;
            Func<LambdaInvocation, CancellationToken, Task<byte[]>> handler = (invocation, cancellationToken) =>
                function.HandleAsync(invocation.Payload, invocation.Deadline, cancellationToken);
            return Task.FromResult(handler);
        }, log, CancellationToken.None);
    }
}
