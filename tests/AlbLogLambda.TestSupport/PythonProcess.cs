using System.Diagnostics;
using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>Runs <c>python3</c> to completion and returns what it printed; a child process the test starts itself.</summary>
public static class PythonProcess
{
    /// <summary>The result of one run.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <c>python3 {arguments}</c>, bounded by <paramref name="timeout"/> (the process tree is killed then).</summary>
    /// <exception cref="InvalidOperationException">python3 is not on PATH, or did not finish in time.</exception>
    public static async Task<Result> RunAsync(
        IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("python3 is not on PATH: the moto tests need Python 3 with moto[server] 5.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"python3 {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.\n{Text(error)}", ex);
        }

        process.WaitForExit(); // drains the redirected streams
        return new Result(process.ExitCode, Text(output), Text(error));

        static void Append(StringBuilder to, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (to)
            {
                to.AppendLine(line);
            }
        }

        static string Text(StringBuilder from)
        {
            lock (from)
            {
                return from.ToString();
            }
        }
    }
}
