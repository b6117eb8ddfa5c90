using System.CommandLine;
using AlbLogLambda.Cli.Commands;

namespace AlbLogLambda.Cli;

/// <summary>`alblog`: the analysis engine on log files, and the Lambda function run in-process.</summary>
internal static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput);

    /// <summary>Runs a command line with the given console streams (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> openStdin, Func<Stream> openStdout)
    {
        // Progress is redrawn in place only on a terminal; redirected or captured output gets plain lines.
        var console = new CliConsole(stdout, stderr, openStdin, openStdout)
        {
            ErrorIsTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected,
        };
        var root = new RootCommand("Find out who generated the HTTP 502s in Application Load Balancer access logs, and why.");
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(InvokeCommand.Create(console));
        root.Subcommands.Add(GenerateCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}

/// <summary>The process's console, injectable so tests run commands in parallel.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, Func<Stream> OpenStdout)
{
    /// <summary>Standard error is a terminal (not redirected, not captured).</summary>
    public bool ErrorIsTerminal { get; init; }
}

/// <summary>Process exit codes (README "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int InputFailed = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT); `alblog replay --out` resumes where it stopped.</summary>
    public const int Interrupted = 130;
}
