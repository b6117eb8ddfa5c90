using System.CommandLine;
using AlbLogLambda.Aws;
using AlbLogLambda.Notification;

namespace AlbLogLambda.Cli.Commands;

/// <summary>
/// `alblog invoke --event FILE`: runs the Lambda handler in-process on an event document, with the same
/// environment variables as in Lambda (real AWS with your credentials, or local endpoints through
/// AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SNS). Without ALERT_TOPIC_ARN nothing is published: the alert
/// is printed instead.
/// </summary>
public static class InvokeCommand
{
    /// <summary>The deadline a local run gets: Lambda's longest timeout.</summary>
    private static readonly TimeSpan s_localTimeout = TimeSpan.FromMinutes(15);

    public static Command Create(CliConsole console)
    {
        var eventFile = new Option<FileInfo>("--event")
        {
            Description = "Event JSON: an S3 notification, an EventBridge Object Created event, or an SQS batch (see tests/Fixtures/events).",
            Required = true,
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
        catch (Exception e) when (e is ObjectsNotReadException or SnsPublishException or LogObjectException)
        {
            // In Lambda this is an invocation error and the platform retries the event.
            console.Error.WriteLine($"alblog: invocation failed: {e.Message}");
            return ExitCodes.InputFailed;
        }
    }

    internal static Task<byte[]> RunAsync(byte[] payload, CliConsole console, CancellationToken cancellationToken)
    {
        var settings = FunctionSettings.FromEnvironment();
        var log = new FunctionLog(console.Error);
        IAlertPublisher publisher = settings.AlertTopicArn is { } topic
            ? new SnsAlertPublisher(SnsPublisher.FromEnvironment(), topic, log)
            : new PrintedAlertPublisher(console.Error);
        var function = new Function(settings, S3LogObjectSource.FromEnvironment(), publisher, log);
        return RunHandlerAsync(function, payload, cancellationToken);
    }

    /// <summary>One in-process invocation of <paramref name="function"/>, with the deadline a local run gets (replay uses it per event).</summary>
    internal static Task<byte[]> RunHandlerAsync(Function function, byte[] payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.HandleAsync(payload, DateTimeOffset.UtcNow + s_localTimeout, cancellationToken);
    }

    /// <summary>Dry run on a terminal: the alert as a person would read it in their mail.</summary>
    private sealed class PrintedAlertPublisher(TextWriter output) : IAlertPublisher
    {
        public Task PublishAsync(AlertMessage message, CancellationToken cancellationToken)
        {
            output.WriteLine($"--- alert (dry run: ALERT_TOPIC_ARN is not set) ---");
            output.WriteLine($"Subject: {message.Subject}");
            output.WriteLine($"Attributes: {string.Join(", ", message.Attributes.Select(a => a.Name + "=" + a.Value))}");
            output.WriteLine();
            output.WriteLine(message.Body);
            output.Flush();
            return Task.CompletedTask;
        }
    }
}
