using System.Diagnostics;
using System.Text;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// The function as a Lambda runtime starts it, serving the invocations queued on a <see cref="FakeLambdaRuntimeApi"/>:
/// <c>dotnet AlbLogLambda.dll</c> (the managed dotnet10 runtime) or a native <c>bootstrap</c> (provided.al2023), with
/// only the environment given (no AWS_* variable of the test's own).
/// </summary>
internal static class FunctionProcess
{
    /// <summary>Starts the function, waits for the answer to each of <paramref name="requestIds"/> in turn, stops it.</summary>
    /// <param name="command">The executable and its arguments: <c>["dotnet", path.dll]</c> or <c>[path/bootstrap]</c>.</param>
    /// <param name="runtime">The Runtime API the invocations are queued on.</param>
    /// <param name="environment">The function's environment (AWS_LAMBDA_RUNTIME_API is added).</param>
    /// <param name="requestIds">The queued invocations to wait for.</param>
    /// <returns>The answer posted for each request id, in order, and what the process printed.</returns>
    public static async Task<(IReadOnlyList<RecordedRequest> Results, string Log)> ServeAsync(
        IReadOnlyList<string> command, FakeLambdaRuntimeApi runtime, IReadOnlyDictionary<string, string> environment, params string[] requestIds)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToArray()) start.Environment.Remove(name);
        foreach (var name in new[] { "ALERT_TOPIC_ARN", "CONFIRM_WITH_AWS", "PUBLISHED_MARKERS", "REPORT_BUCKET" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var results = new List<RecordedRequest>();
        try
        {
            foreach (var requestId in requestIds)
            {
                try
                {
                    results.Add(await runtime.WaitForResultAsync(requestId, TimeSpan.FromSeconds(120)));
                }
                catch (TimeoutException ex)
                {
                    lock (log) throw new TimeoutException($"no answer to {requestId} (exited: {process.HasExited}); the function printed:\n{log}", ex);
                }
            }

            lock (log) return (results, log.ToString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The function's own build output (<c>src/AlbLogLambda/bin/CONFIGURATION/net10.0/AlbLogLambda.dll</c>), not the test's copy.</summary>
    public static string ManagedAssembly()
    {
        var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string configuration = segments[Array.LastIndexOf(segments, "bin") + 1]; // .../bin/<Configuration>/net10.0/
        var path = Path.Combine(Deployment.CfnTemplate.RepositoryRoot, "src", "AlbLogLambda", "bin", configuration, "net10.0", "AlbLogLambda.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first", path);
    }
}
