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
        // Progress is redrawn in place only on a terminal; redirected or captured output gets plain lines. Colour
        // likewise goes only to a terminal, unless --color says otherwise.
        var console = new CliConsole(stdout, stderr, openStdin, openStdout)
        {
            ErrorIsTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected,
            OutIsTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
        };
        return Run(args, console);
    }

    /// <summary>Runs a command line on <paramref name="console"/>: usage errors are one line and exit 1, bad paths and values one line and exit 2.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("Find out who generated the HTTP 502s in Application Load Balancer access logs, and why.");
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(InvokeCommand.Create(console));
        root.Subcommands.Add(GenerateCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        var parse = root.Parse(args);
        if (UsageErrors.Describe(parse) is { } usage)
        {
            console.Error.WriteLine($"alblog: {usage}");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (FailureMessages.Describe(e) is { } message)
        {
            console.Error.WriteLine($"alblog: {message}");
            return ExitCodes.InputFailed;
        }
    }
}

/// <summary>The process's console, injectable so tests run commands in parallel.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, Func<Stream> OpenStdout)
{
    /// <summary>Standard error is a terminal (not redirected, not captured).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Standard output is a terminal (not redirected, not captured).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Reads an environment variable (NO_COLOR, TERM); the process environment unless a test gives its own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
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
