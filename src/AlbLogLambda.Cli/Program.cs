using System.CommandLine;
using AlbLogLambda.Cli.Commands;

namespace AlbLogLambda.Cli;

/// <summary>`alblog`: the analysis engine on log files, and the Lambda function run in-process.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput);

    /// <summary>Runs a command line with the given console streams (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> openStdin, Func<Stream> openStdout)
    {
        var console = new CliConsole(stdout, stderr, openStdin, openStdout);
        var root = new RootCommand("Find out who generated the HTTP 502s in Application Load Balancer access logs, and why.");
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(InvokeCommand.Create(console));
        root.Subcommands.Add(GenerateCommand.Create(console));
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}

/// <summary>The process's console, injectable so tests run commands in parallel.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, Func<Stream> OpenStdout);

/// <summary>Process exit codes (README "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int InputFailed = 2;
}
