using System.CommandLine;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Cli.Commands;

/// <summary>`alblog analyze PATH...`: the 502 report for log files, directories or standard input.</summary>
public static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Log files (.log.gz or .log), directories (read recursively, in sorted order), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Report format: text (default) or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var entries = new Option<string?>("--entries")
        {
            Description = "Also write every 5xx entry as NDJSON to FILE; with - they go to standard output instead of the report.",
        };
        var showQuery = new Option<bool>("--show-query")
        {
            Description = "Keep query strings in URLs (removed by default: they can carry tokens).",
        };
        var httpsTargetGroups = new Option<string[]>("--https-target-group")
        {
            Description = "Target group name or ARN that speaks HTTPS to its targets (repeatable); refines connection failures to tls-handshake.",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxLine = new Option<int>("--max-line-bytes")
        {
            Description = "Longest line to read; longer lines are counted as malformed and skipped.",
            DefaultValueFactory = _ => Core.Reading.LineReader.DefaultMaxLineBytes,
        };

        var command = new Command("analyze", "Classify every HTTP 502 in ALB access logs by origin and cause.")
        {
            paths, format, entries, showQuery, httpsTargetGroups, maxLine,
        };
        command.SetAction(parse =>
        {
            var request = new AnalyzeRequest(
                parse.GetValue(paths) ?? [],
                parse.GetValue(format) == "json",
                parse.GetValue(entries),
                parse.GetValue(showQuery),
                parse.GetValue(httpsTargetGroups) ?? [],
                parse.GetValue(maxLine));
            return Analyze(request, console);
        });
        return command;
    }

    public sealed record AnalyzeRequest(
        IReadOnlyList<string> Paths,
        bool Json,
        string? EntriesPath,
        bool ShowQuery,
        IReadOnlyList<string> HttpsTargetGroups,
        int MaxLineBytes);

    public static int Analyze(AnalyzeRequest request, CliConsole console)
    {
        if (request.MaxLineBytes < 16)
        {
            console.Error.WriteLine("alblog: --max-line-bytes must be at least 16");
            return ExitCodes.Usage;
        }
        var options = new AnalysisOptions
        {
            MaxLineBytes = request.MaxLineBytes,
            HttpsTargetGroups = request.HttpsTargetGroups,
            CollectEntries = request.EntriesPath is not null,
        };
        using var session = new AnalysisSession(options);
        foreach (var input in InputExpander.Expand(request.Paths))
        {
            AnalyzeOne(session, input, console);
        }

        var report = session.BuildReport();
        foreach (var failed in report.Objects.Where(o => o.Status == ObjectStatus.Failed))
        {
            console.Error.WriteLine($"alblog: {failed.Source}: {failed.Reason}");
        }

        if (request.EntriesPath == "-")
        {
            using var stdout = console.OpenStdout();
            session.WriteEntries(stdout);
        }
        else
        {
            if (request.EntriesPath is not null)
            {
                using var file = new FileStream(request.EntriesPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
                session.WriteEntries(file);
            }
            if (request.Json)
            {
                using var stdout = console.OpenStdout();
                JsonReportWriter.Write(stdout, report, request.ShowQuery);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                console.Out.Write(TextReportRenderer.Render(report, new TextReportOptions { ShowQuery = request.ShowQuery }));
                console.Out.Flush();
            }
        }
        return report.Objects.Any(o => o.Status == ObjectStatus.Failed) ? ExitCodes.InputFailed : ExitCodes.Ok;
    }

    private static void AnalyzeOne(AnalysisSession session, Input input, CliConsole console)
    {
        if (input.Problem is not null)
        {
            session.Record(ObjectOutcome.FailedObject(input.Source, input.Problem));
            return;
        }
        try
        {
            using var stream = input.IsStdin
                ? console.OpenStdin()
                : new FileStream(input.Source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            session.Analyze(input.Source, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            session.Record(ObjectOutcome.FailedObject(input.Source, e.Message));
        }
    }
}
