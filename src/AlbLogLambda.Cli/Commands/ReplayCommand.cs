using System.CommandLine;
using System.Globalization;
using AlbLogLambda.Cli.Replay;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Observability;
using AlbLogLambda.S3;
using AlbLogLambda.Sns;
using Amazon.Runtime;
using Amazon.S3;

namespace AlbLogLambda.Cli.Commands;

/// <summary>
/// `alblog replay`: the function over the access-log objects already in a bucket (an incident that is over, a
/// deployment that came late). Lists the bucket, keeps the objects of a time range and load balancer, and either
/// writes S3 test events for them (<c>--out</c>) or runs the handler in-process on them (<c>--invoke</c>).
/// </summary>
internal static class ReplayCommand
{
    /// <summary>Records per event file at most: 1,000 records stay far below Lambda's 6 MB invocation payload.</summary>
    public const int MaxBatch = 1_000;

    public static Command Create(CliConsole console)
    {
        var bucket = new Option<string>("--bucket") { Description = "The log bucket.", Required = true, HelpName = "NAME" };
        var prefix = new Option<string?>("--prefix")
        {
            Description = "List only keys under this prefix. Down to the Region folder (…/AWSLogs/ACCOUNT/elasticloadbalancing/REGION/) with --from, only the days in range are listed.",
            HelpName = "PREFIX",
        };
        var from = new Option<string?>("--from")
        {
            Description = "Earliest interval end-time to include (inclusive): ISO 8601 with Z or an offset, 2026-11-24T10:00Z or 2026-11-24T11:00+01:00 (converted to UTC); a time without a zone is refused.",
            HelpName = "TIME",
        };
        var to = new Option<string?>("--to")
        {
            Description = "Latest interval end-time to include (inclusive), in the same form as --from.",
            HelpName = "TIME",
        };
        var loadBalancer = new Option<string?>("--load-balancer")
        {
            Description = "Only this load balancer: its name (my-alb) or app/NAME/ID from its ARN.",
            HelpName = "NAME",
        };
        var output = new Option<string?>("--out") { Description = "Write S3 event files (event-00001.json…) to this folder; run again to resume.", HelpName = "DIR" };
        var batch = new Option<int?>("--batch") { Description = $"Objects per event file with --out (1-{MaxBatch}; default 1).", HelpName = "N" };
        var invoke = new Option<bool>("--invoke")
        {
            Description = "Run the function's handler in-process, one invocation per load balancer and 5-minute interval, and print each summary.",
        };
        var publish = new Option<bool>("--publish") { Description = "With --invoke: publish the alerts to ALERT_TOPIC_ARN (without it, nothing is sent)." };

        var command = new Command("replay", "Run the function over the access-log objects of a time range, or write test events for them.")
        {
            bucket, prefix, from, to, loadBalancer, output, batch, invoke, publish,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new ReplayRequest(
                parse.GetValue(bucket)!,
                parse.GetValue(prefix),
                parse.GetValue(from),
                parse.GetValue(to),
                parse.GetValue(loadBalancer),
                parse.GetValue(output),
                parse.GetValue(batch),
                parse.GetValue(invoke),
                parse.GetValue(publish)),
            console,
            TimeProvider.System,
            cancellationToken));
        return command;
    }

    public sealed record ReplayRequest(
        string Bucket,
        string? Prefix = null,
        string? From = null,
        string? To = null,
        string? LoadBalancer = null,
        string? OutDirectory = null,
        int? Batch = null,
        bool Invoke = false,
        bool Publish = false);

    public static async Task<int> RunAsync(ReplayRequest request, CliConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(clock);
        if (Validate(request, out var filter) is { } problem)
        {
            console.Error.WriteLine($"alblog replay: {problem}");
            return ExitCodes.Usage;
        }

        FunctionSettings? settings = null;
        if (request.Invoke)
        {
            try
            {
                settings = FunctionSettings.FromEnvironment();
            }
            catch (FormatException e)
            {
                console.Error.WriteLine($"alblog replay: {e.Message}");
                return ExitCodes.Usage;
            }
            if (request.Publish && settings.AlertTopicArn is null)
            {
                console.Error.WriteLine($"alblog replay: --publish needs the topic in {FunctionSettings.AlertTopicArnVariable}.");
                return ExitCodes.Usage;
            }
        }

        EventFolder? folder = null;
        if (request.OutDirectory is { } directory)
        {
            try
            {
                folder = EventFolder.Open(directory);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"alblog replay: {e.Message}");
                return ExitCodes.InputFailed;
            }
        }

        var progress = new ReplayProgress(console.Error, console.ErrorIsTerminal, clock);
        var where = $"s3://{request.Bucket}/{request.Prefix}";
        try
        {
            var listed = await ListAsync(request, filter, folder, progress, console, clock, cancellationToken);
            if (listed is null) return ExitCodes.InputFailed;
            var (objects, alreadyWritten) = listed.Value;
            if (objects.Count == 0)
            {
                console.Out.WriteLine(alreadyWritten > 0
                    ? $"Nothing to do: {(alreadyWritten == 1 ? "the matching object" : $"the {N(alreadyWritten)} matching objects")} of {where} {(alreadyWritten == 1 ? "is" : "are")} already in {folder!.Path}."
                    : $"No ALB access-log object of {where} matches (range {Describe(filter)}).");
                return ExitCodes.Ok;
            }
            return folder is not null
                ? WriteEvents(objects, alreadyWritten, folder, request.Batch ?? 1, progress, console, cancellationToken)
                : await InvokeAsync(objects, settings!, request.Publish, progress, console, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish();
            console.Error.WriteLine(folder is not null
                ? $"alblog replay: interrupted; {folder.Path} holds the events written so far: run the same command again to continue."
                : "alblog replay: interrupted.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>Checks the options; null when they make sense together.</summary>
    private static string? Validate(ReplayRequest request, out ReplayFilter filter)
    {
        filter = new ReplayFilter();
        if (string.IsNullOrWhiteSpace(request.Bucket)) return "--bucket is required.";
        if ((request.OutDirectory is null) == !request.Invoke) return "give exactly one of --out DIR and --invoke.";
        if (request.Batch is not null && request.OutDirectory is null) return "--batch goes with --out.";
        if (request.Batch is < 1 or > MaxBatch) return $"--batch must be between 1 and {MaxBatch}.";
        if (request.Publish && !request.Invoke) return "--publish goes with --invoke.";
        DateTimeOffset? from = null, to = null;
        if (request.From is { } fromText)
        {
            if (!ReplayFilter.TryParseTime(fromText, out var t)) return $"--from '{fromText}' is not an ISO 8601 time with a zone, such as 2026-11-24T10:00Z.";
            from = t;
        }
        if (request.To is { } toText)
        {
            if (!ReplayFilter.TryParseTime(toText, out var t)) return $"--to '{toText}' is not an ISO 8601 time with a zone, such as 2026-11-24T12:00Z.";
            to = t;
        }
        if (from > to) return "--from is later than --to.";
        filter = new ReplayFilter(from, to, string.IsNullOrWhiteSpace(request.LoadBalancer) ? null : request.LoadBalancer.Trim());
        return null;
    }

    /// <summary>The matching objects not yet in the --out folder, in key order; null when listing failed (reported).</summary>
    private static async Task<(List<ListedObject> Objects, long AlreadyWritten)?> ListAsync(
        ReplayRequest request, ReplayFilter filter, EventFolder? folder, ReplayProgress progress, CliConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        var objects = new List<ListedObject>();
        long alreadyWritten = 0;
        try
        {
            // The same client configuration as the function's own S3 source: endpoint overrides
            // (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL), region, timeouts, bounded retries; credentials from the default chain.
            using var s3 = new AmazonS3Client(S3LogObjectSource.CreateConfig(S3LogObjectSourceOptions.FromEnvironment()));
            var lister = new LogObjectLister(s3);
            await foreach (var o in lister.ListAsync(request.Bucket, request.Prefix, filter, clock.GetUtcNow(), progress.Listing, cancellationToken))
            {
                if (folder is not null && folder.Covers(o.Bucket, o.Key)) alreadyWritten++;
                else objects.Add(o);
            }
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or FormatException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            progress.Finish();
            progress.Line(console.Error, $"alblog replay: listing s3://{request.Bucket}/{request.Prefix} failed: {Message(e)}");
            return null;
        }
        progress.Finish();
        return (objects, alreadyWritten);
    }

    private static int WriteEvents(
        List<ListedObject> objects, long alreadyWritten, EventFolder folder, int batch, ReplayProgress progress, CliConsole console, CancellationToken cancellationToken)
    {
        int firstNumber = folder.LastNumber + 1;
        progress.Start(objects.Count, objects.Sum(o => o.Size));
        foreach (var chunk in objects.Chunk(batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            folder.Write(chunk);
            progress.Advance(chunk.Length, chunk.Sum(o => o.Size));
        }
        progress.Finish();

        string first = Path.Combine(folder.Path, EventFolder.FileName(firstNumber));
        string last = EventFolder.FileName(folder.LastNumber);
        var o = console.Out;
        o.WriteLine($"Wrote {Plural.Of(folder.LastNumber - firstNumber + 1, "event file")} ({EventFolder.FileName(firstNumber)} to {last}) for {Plural.Of(objects.Count, "object")} "
            + $"({ReplayProgress.Bytes(objects.Sum(x => x.Size))}) to {folder.Path}"
            + (alreadyWritten > 0 ? $"; {Plural.Of(alreadyWritten, "object")} already there {(alreadyWritten == 1 ? "was" : "were")} skipped." : "."));
        o.WriteLine("Run one with:");
        o.WriteLine($"  alblog invoke --event {first}");
        o.WriteLine($"  sam local invoke AlbLogFunction -e {first}");
        o.WriteLine($"  sam remote invoke AlbLogFunction --stack-name alb-log-lambda --event-file {first}");
        o.WriteLine($"  aws lambda invoke --function-name FUNCTION --payload fileb://{first} response.json");
        o.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>
    /// One in-process batch per load balancer and interval, in time order, one message per object: what the deployed
    /// function sees when SQS batching brings one interval's objects from all nodes together.
    /// </summary>
    private static async Task<int> InvokeAsync(
        List<ListedObject> objects, FunctionSettings settings, bool publish, ReplayProgress progress, CliConsole console, CancellationToken cancellationToken)
    {
        // Without --publish this is a dry run even when ALERT_TOPIC_ARN is set.
        using var hosted = FunctionHost.Create(settings, new FunctionLog(TextWriter.Null), publish ? null : new UnsentSummaryPublisher());
        var batch = hosted.Handler.Batch;

        var groups = objects
            .GroupBy(o => (o.Parsed.LoadBalancerId, o.Parsed.EndTime))
            .OrderBy(g => g.Key.EndTime).ThenBy(g => g.Key.LoadBalancerId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(o => o.Key, StringComparer.Ordinal).ToList())
            .ToList();
        long http502 = 0, alerts = 0, failedObjects = 0;
        progress.Start(objects.Count, objects.Sum(o => o.Size));
        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = group[0].Parsed;
            string when = first.EndTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
            var messages = group.Select(o => new BatchMessage(o.Key, [new LogObjectRef(o.Bucket, o.Key, o.ETag, o.Size)])).ToArray();
            var result = await batch.RunAsync(new BatchRequest(messages, PartialFailures: true, DateTimeOffset.UtcNow + InvokeCommand.LocalTimeout), cancellationToken);

            foreach (var o in result.Objects.Where(o => o.Status == BatchObjectStatus.Failed || result.IsRetried(o)))
            {
                failedObjects++;
                string status = BatchObjectStatusNames.Of(result.IsRetried(o) ? BatchObjectStatus.Retry : o.Status);
                progress.Line(console.Error, $"alblog replay: {o.LogObject}: {status}{(o.Reason is null ? "" : ": " + o.Reason)}");
            }
            foreach (var failed in result.Summaries.Where(s => s.Delivery == SummaryDelivery.Failed))
            {
                progress.Line(console.Error, $"alblog replay: {when} {failed.LoadBalancer}: publishing failed: {failed.Error}");
            }
            var sent = result.Summaries.Where(s => s.Delivery is SummaryDelivery.Published or SummaryDelivery.DryRun).ToArray();
            long groupHttp502 = result.Summaries.Sum(s => s.Report.Http502.Total);
            http502 += groupHttp502;
            alerts += sent.Length;
            string outcome = sent.Length > 0
                ? string.Join("; ", sent.Select(s => SnsSummaryMessage.Subject(s.LoadBalancer, s.Report, s.Summary.Objects))) + (publish ? "  [published]" : "  [dry run]")
                : $"no message (below {FunctionSettings.Min502CountVariable}={settings.Min502Count.ToString(CultureInfo.InvariantCulture)})";
            progress.Line(console.Out, $"{when}  {first.LoadBalancerId}  {Plural.Of(group.Count, "object")}  {N(groupHttp502)} x 502  {outcome}");
            progress.Advance(group.Count, group.Sum(o => o.Size));
        }
        progress.Finish();

        console.Out.WriteLine($"Replayed {Plural.Of(objects.Count, "object")} ({ReplayProgress.Bytes(objects.Sum(o => o.Size))}) in {Plural.Of(groups.Count, "invocation")}: "
            + $"{N(http502)} x 502; {Plural.Of(alerts, "alert")} " + (publish ? "published." : $"not published (dry run: add --publish to send them to {FunctionSettings.AlertTopicArnVariable})."));
        if (failedObjects > 0)
        {
            console.Error.WriteLine($"alblog replay: {Plural.Of(failedObjects, "object")} could not be analyzed.");
        }
        console.Out.Flush();
        return failedObjects > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
    }

    private static string Describe(ReplayFilter filter)
    {
        string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) ?? "any";
        return $"{Time(filter.From)} to {Time(filter.To)}" + (filter.LoadBalancer is { } lb ? $", load balancer {lb}" : "");
    }

    private static string Message(Exception e) => e is AmazonServiceException { ErrorCode: { } code } s ? $"{code}: {s.Message}" : e.Message;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
