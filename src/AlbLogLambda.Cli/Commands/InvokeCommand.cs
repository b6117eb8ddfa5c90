using System.CommandLine;
using AlbLogLambda.Observability;

namespace AlbLogLambda.Cli.Commands;

/// <summary>
/// `alblog invoke --event FILE`: runs the Lambda handler in-process on an event document, with the same
/// environment variables as in Lambda (real AWS with your credentials, or local endpoints through
/// AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SNS). Without ALERT_TOPIC_ARN nothing is published: the alert
/// is printed instead.
/// </summary>
internal static class InvokeCommand
{
    /// <summary>The deadline a local run gets: Lambda's longest timeout.</summary>
    internal static readonly TimeSpan LocalTimeout = TimeSpan.FromMinutes(15);

    public static Command Create(CliConsole console)
    {
        var eventFile = new Option<FileInfo>("--event")
        {
            Description = "Event JSON: an S3 notification, an EventBridge Object Created event, or an SQS batch (see events/ in the repository).",
            Required = true,
            HelpName = "FILE",
        };
        var command = new Command("invoke", "Run the Lambda function's handler in-process on an event file.") { eventFile };
        command.SetAction((parse, cancellationToken) => InvokeAsync(parse.GetValue(eventFile)!, console, cancellationToken));
        return command;
    }

    public static async Task<int> InvokeAsync(FileInfo eventFile, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventFile);
        ArgumentNullException.ThrowIfNull(console);
        if (!eventFile.Exists)
        {
            console.Error.WriteLine($"alblog: {eventFile.FullName}: no such file");
            return ExitCodes.InputFailed;
        }
        var payload = await File.ReadAllBytesAsync(eventFile.FullName, cancellationToken);
        try
        {
            var response = await RunAsync(payload, console, cancellationToken);
            using var stdout = console.OpenStdout();
            stdout.Write(response);
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Ok;
        }
        catch (FormatException e)
        {
            console.Error.WriteLine($"alblog: {eventFile.Name}: {e.Message}");
            return ExitCodes.InputFailed;
        }
        catch (BatchNotCompletedException e)
        {
            // In Lambda this is an invocation error and the platform retries the event.
            console.Error.WriteLine($"alblog: invocation failed: {e.Message}");
            return ExitCodes.InputFailed;
        }
    }

    internal static async Task<byte[]> RunAsync(byte[] payload, CliConsole console, CancellationToken cancellationToken)
    {
        var settings = FunctionSettings.FromEnvironment();
        var log = new FunctionLog(console.Error);
        // Without a topic the alert is printed as a person would read it in their mail, not logged as JSON.
        using var hosted = FunctionHost.Create(settings, log, settings.AlertTopicArn is null ? new PrintedSummaryPublisher(console.Error) : null);
        return await hosted.Handler.HandleAsync(payload, DateTimeOffset.UtcNow + LocalTimeout, cancellationToken);
    }
}
