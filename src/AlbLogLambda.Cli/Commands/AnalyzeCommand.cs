using System.CommandLine;
using System.Text;
using AlbLogLambda.Cli.Replay;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Cli.Commands;

/// <summary>`alblog analyze PATH...`: the 502 report for log files, directories or standard input.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            HelpName = "PATH",
            Description = "Log files (.log.gz or .log), directories (read recursively, in sorted order), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Report format: text (default), json, or html (one self-contained page).",
            HelpName = "text|json|html",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var output = new Option<string?>("--out")
        {
            Description = "Write the report to FILE instead of standard output.",
            HelpName = "FILE",
        };
        var entries = new Option<string?>("--entries")
        {
            Description = "Also write every 5xx entry as NDJSON to FILE; with - they go to standard output instead of the report (unless --out).",
            HelpName = "FILE",
        };
        var showQuery = new Option<bool>("--show-query")
        {
            Description = "Keep query strings in URLs (removed by default: they can carry tokens).",
        };
        var httpsTargetGroups = new Option<string[]>("--https-target-group")
        {
            Description = "Target group name or ARN that speaks HTTPS to its targets (repeatable); refines connection failures to tls-handshake.",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "NAME_OR_ARN",
        };
        var maxLine = new Option<int>("--max-line-bytes")
        {
            Description = "Longest line to read, in bytes (at least 16); longer lines are counted as malformed and skipped.",
            HelpName = "N",
            DefaultValueFactory = _ => Core.Reading.LineReader.DefaultMaxLineBytes,
        };

        var confirm = new Option<bool>("--confirm")
        {
            Description = "Confirm each cause with AWS's own evidence: CloudWatch metrics and the target groups' configuration (default credential chain; read-only calls).",
        };
        var region = new Option<string?>("--region")
        {
            Description = "The load balancer's region for --confirm; by default from the file names, the target group ARNs or AWS_REGION.",
            HelpName = "REGION",
        };
        OptionRules.AtLeast(maxLine, 16);
        var color = ColorOption.Create();

        var command = new Command("analyze", "Classify every HTTP 502 in ALB access logs by origin and cause.")
        {
            paths, format, output, entries, showQuery, httpsTargetGroups, maxLine, color, confirm, region,
        };
        command.SetAction(parse =>
        {
            var request = new AnalyzeRequest(
                parse.GetValue(paths) ?? [],
                parse.GetValue(format) == "json",
                parse.GetValue(entries),
                parse.GetValue(showQuery),
                parse.GetValue(httpsTargetGroups) ?? [],
                parse.GetValue(maxLine))
            {
                Color = ColorOption.Resolve(parse.GetValue(color), console),
                Confirm = parse.GetValue(confirm),
                Region = parse.GetValue(region),
                Html = parse.GetValue(format) == "html",
                OutPath = parse.GetValue(output),
            };
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
        int MaxLineBytes)
    {
        /// <summary>Colour the text report (resolved from --color, NO_COLOR and whether standard output is a terminal).</summary>
        public bool Color { get; init; }

        /// <summary>Ask CloudWatch and ELBv2 to confirm each cause (--confirm).</summary>
        public bool Confirm { get; init; }

        /// <summary>The load balancer's region for --confirm; null to find it.</summary>
        public string? Region { get; init; }

        /// <summary>Makes the evidence source for --confirm; the function's AWS one unless a test gives another.</summary>
        public Func<Core.Evidence.IEvidenceSource> EvidenceSource { get; init; } = FunctionHost.CreateEvidenceSource;

        /// <summary>The HTML report instead of text (<see cref="Json"/> is false then).</summary>
        public bool Html { get; init; }

        /// <summary>The file the report goes to; null for standard output.</summary>
        public string? OutPath { get; init; }
    }

    public static int Analyze(AnalyzeRequest request, CliConsole console)
    {
        if (request.MaxLineBytes < 16)
        {
            console.Error.WriteLine("alblog: --max-line-bytes must be at least 16");
            return ExitCodes.Usage;
        }
        if (request.OutPath is { Length: 0 })
        {
            console.Error.WriteLine("alblog: --out needs a file name");
            return ExitCodes.Usage;
        }
        if (request.Region is { } region && !string.IsNullOrWhiteSpace(region) && !Core.Evidence.RegionNames.IsWellFormed(region.Trim()))
        {
            // Checked before reading: a bad value is a usage error, and a region names the host signed requests go to.
            console.Error.WriteLine($"alblog: --region {InertText.Escape(region)}: not an AWS region name (e.g. eu-west-1)");
            return ExitCodes.Usage;
        }
        var inputs = InputExpander.Expand(request.Paths).ToArray();
        // Opened before the analysis, so that a path that cannot be written fails at once, not after reading every input.
        FileStream? outFile = null;
        if (request.OutPath is not null)
        {
            string outPath = Path.GetFullPath(request.OutPath);
            if (inputs.Any(i => !i.IsStdin && Path.GetFullPath(i.Source) == outPath))
            {
                // Creating the file would empty the log before it is read.
                console.Error.WriteLine($"alblog: --out {request.OutPath} is also an input; choose another file for the report");
                return ExitCodes.Usage;
            }
            try
            {
                outFile = new FileStream(request.OutPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"alblog: --out {request.OutPath}: {FailureMessages.Describe(e)}");
                return ExitCodes.InputFailed;
            }
        }
        using var reportFile = outFile;
        int parallelism = Math.Max(1, Math.Min(Environment.ProcessorCount, inputs.Length));
        var options = new AnalysisOptions
        {
            MaxLineBytes = request.MaxLineBytes,
            HttpsTargetGroups = request.HttpsTargetGroups,
            CollectEntries = request.EntriesPath is not null,
            // Cores go to objects first; a core left over decodes ahead of the parser.
            ReadAhead = inputs.Length < Environment.ProcessorCount,
        };
        using var session = new AnalysisSession(options);
        // Progress only where a person watches: standard error on a terminal (a pipe or a log gets nothing).
        var progress = console.ErrorIsTerminal ? new ReplayProgress(console.Error, interactive: true, TimeProvider.System) : null;
        AnalyzeAll(session, inputs, parallelism, console, progress);
        progress?.Finish();

        var report = session.BuildReport();
        Core.Evidence.ReportConfirmation? confirmation = null;
        int confirmStatus = ExitCodes.Ok;
        if (request.Confirm)
        {
            var confirmed = ReportConfirmer.ConfirmAsync(report, inputs.Select(i => i.Source), request.Region, request.EvidenceSource, console.Error, CancellationToken.None)
                .GetAwaiter().GetResult();
            (report, confirmation, confirmStatus) = (confirmed.Report, confirmed.Confirmation, confirmed.ExitCode);
        }
        foreach (var failed in report.Objects.Where(o => o.Status == ObjectStatus.Failed))
        {
            console.Error.WriteLine($"alblog: {failed.Source}: {failed.Reason}");
        }

        bool entriesFailed = false;
        if (request.EntriesPath == "-")
        {
            using var stdout = console.OpenStdout();
            session.WriteEntries(stdout);
            if (outFile is not null) WriteReport(outFile, report, request, confirmation);
        }
        else
        {
            if (request.EntriesPath is not null)
            {
                FileStream file;
                try
                {
                    file = new FileStream(request.EntriesPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The report still follows: the entries file is the only output lost.
                    console.Error.WriteLine($"alblog: --entries {request.EntriesPath}: {FailureMessages.Describe(e)}");
                    entriesFailed = true;
                    file = null!;
                }
                if (!entriesFailed)
                {
                    using (file) session.WriteEntries(file);
                }
            }
            if (outFile is not null)
            {
                WriteReport(outFile, report, request, confirmation);
            }
            else if (request.Json)
            {
                using var stdout = console.OpenStdout();
                JsonReportWriter.Write(stdout, report, request.ShowQuery, confirmation: confirmation);
                stdout.WriteByte((byte)'\n');
            }
            else if (request.Html)
            {
                // As bytes: the page declares UTF-8, whatever the console's encoding.
                using var stdout = console.OpenStdout();
                stdout.Write(Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report, new HtmlReportOptions { ShowQuery = request.ShowQuery, Confirmation = confirmation })));
            }
            else
            {
                string text = TextReportRenderer.Render(report, new TextReportOptions { ShowQuery = request.ShowQuery, Confirmation = confirmation });
                console.Out.Write(request.Color ? TextReportColorizer.Colorize(text) : text);
                console.Out.Flush();
            }
        }
        if (entriesFailed || report.Objects.Any(o => o.Status == ObjectStatus.Failed)) return ExitCodes.InputFailed;
        return confirmStatus;
    }

    /// <summary>The report in the requested format to a file: never coloured (colour is for a terminal).</summary>
    private static void WriteReport(Stream destination, AnalysisReport report, AnalyzeRequest request, Core.Evidence.ReportConfirmation? confirmation)
    {
        if (request.Json)
        {
            JsonReportWriter.Write(destination, report, request.ShowQuery, confirmation: confirmation);
            destination.WriteByte((byte)'\n');
            return;
        }
        string page = request.Html
            ? HtmlReportRenderer.Render(report, new HtmlReportOptions { ShowQuery = request.ShowQuery, Confirmation = confirmation })
            : TextReportRenderer.Render(report, new TextReportOptions { ShowQuery = request.ShowQuery, Confirmation = confirmation });
        destination.Write(Encoding.UTF8.GetBytes(page));
    }

    /// <summary>
    /// Reads the inputs concurrently, one per core, and adds them to the session in input order (so the
    /// report and the entries list objects as given), each as soon as those before it are in.
    /// </summary>
    private static void AnalyzeAll(AnalysisSession session, Input[] inputs, int parallelism, CliConsole console, ReplayProgress? progress)
    {
        var sizes = inputs.Select(SizeOf).ToArray();
        progress?.Start(inputs.Length, sizes.Sum());
        var done = new ObjectAnalysis?[inputs.Length];
        var outcomes = new ObjectOutcome?[inputs.Length];
        int nextToCommit = 0;
        var gate = new Lock();
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            var (analysis, failure) = AnalyzeOne(session, inputs[i], console);
            lock (gate)
            {
                progress?.Advance(1, sizes[i]);
                done[i] = analysis;
                outcomes[i] = failure;
                while (nextToCommit < inputs.Length && (done[nextToCommit] is not null || outcomes[nextToCommit] is not null))
                {
                    if (done[nextToCommit] is { } ready) session.Commit(ready);
                    else session.Record(outcomes[nextToCommit]!);
                    done[nextToCommit] = null;
                    nextToCommit++;
                }
            }
        });
    }

    /// <summary>The input's size on disk, for progress; 0 for standard input and paths that cannot be read.</summary>
    private static long SizeOf(Input input)
    {
        if (input.IsStdin || input.Problem is not null) return 0;
        try
        {
            return new FileInfo(input.Source).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static (ObjectAnalysis? Analysis, ObjectOutcome? Failure) AnalyzeOne(AnalysisSession session, Input input, CliConsole console)
    {
        if (input.Problem is not null) return (null, ObjectOutcome.FailedObject(input.Source, input.Problem));
        try
        {
            using var stream = input.IsStdin
                ? console.OpenStdin()
                : new FileStream(input.Source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return (session.AnalyzeDetached(input.Source, stream), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, ObjectOutcome.FailedObject(input.Source, e.Message));
        }
    }
}
