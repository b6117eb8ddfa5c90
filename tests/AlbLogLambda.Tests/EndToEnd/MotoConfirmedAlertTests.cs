using System.Text.Json;
using AlbLogLambda.Tests.Evidence;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// The alert with AWS's own evidence, end to end: the function process, with CONFIRM_WITH_AWS=true, reads a log object
/// from moto's S3, asks moto's CloudWatch and Elastic Load Balancing about the load balancer of the moto world (its
/// metric data put over the log's five minutes), and publishes to moto's SNS; the SQS subscriber receives the
/// "Confirmed by CloudWatch" section and the <c>confirmed</c> attribute. moto checks every request's signature and the
/// admin's IAM policy here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MotoConfirmedAlertTests(MotoWorldFixture world) : IClassFixture<MotoWorldFixture>
{
    private const string Bucket = "alb-logs-confirmed";
    private const string Queue = "alb-502-confirmed";

    [Fact]
    public async Task ConfirmWithAws_ConnectionFailuresCloudWatchCounted_SqsMessageSaysConfirmedAndCarriesTheAttribute()
    {
        var admin = await world.Admin.GetCredentialsAsync();
        var cli = new AwsCli(world.Server.Endpoint, admin.AccessKey, admin.SecretKey, MotoWorldFixture.Region);
        await cli.RunAsync("s3api", "create-bucket", "--bucket", Bucket);
        var topic = (await cli.RunAsync("sns", "create-topic", "--name", "alb-log-lambda-AlertTopic-CONFIRMED", "--query", "TopicArn", "--output", "text")).Trim();
        var queueUrl = (await cli.RunAsync("sqs", "create-queue", "--queue-name", Queue, "--query", "QueueUrl", "--output", "text")).Trim();
        await cli.RunAsync("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", $"arn:aws:sqs:{MotoWorldFixture.Region}:{AccessLogObject.Account}:{Queue}");

        // The world's load balancer and HTTP target group, in the minutes its metric data covers
        // (TargetConnectionErrorCount 3 at minute 0).
        var log = new AccessLogObject(world.LoadBalancerId, world.WindowStart.AddMinutes(5))
            .Ok(30, targetGroup: world.HttpGroup)
            .ConnectionFailed(12, targetGroup: world.HttpGroup);
        var body = log.Gzip();
        var file = Path.Combine(Path.GetTempPath(), $"alblog-confirmed-{Guid.NewGuid():N}.log.gz");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            await cli.RunAsync("s3api", "put-object", "--bucket", Bucket, "--key", log.Key, "--body", file);
        }
        finally
        {
            File.Delete(file);
        }

        await using var runtime = new FakeLambdaRuntimeApi();
        runtime.EnqueueInvocation("req-confirmed", AccessLogObject.S3Event(Bucket, log.Key, body.Length));
        var (results, functionLog) = await FunctionProcess.ServeAsync(["dotnet", FunctionProcess.ManagedAssembly()], runtime,
            new Dictionary<string, string>
            {
                ["AWS_REGION"] = MotoWorldFixture.Region,
                ["AWS_ENDPOINT_URL"] = world.Server.Endpoint.AbsoluteUri,
                ["AWS_ACCESS_KEY_ID"] = admin.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = admin.SecretKey,
                ["ALERT_TOPIC_ARN"] = topic,
                ["CONFIRM_WITH_AWS"] = "true",
            },
            "req-confirmed");
        var received = await cli.RunAsync("sqs", "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10", "--wait-time-seconds", "0");

        Assert.True(results[0].Path.EndsWith("/response", StringComparison.Ordinal), results[0].BodyText + "\n" + functionLog);
        using var messages = JsonDocument.Parse(received);
        var message = Assert.Single(messages.RootElement.GetProperty("Messages").EnumerateArray().ToList());
        using var envelope = JsonDocument.Parse(message.GetProperty("Body").GetString()!);
        var text = envelope.RootElement.GetProperty("Message").GetString()!;
        var window = $"{world.WindowStart.UtcDateTime:HH:mm}–{world.WindowStart.AddMinutes(5).UtcDateTime:HH:mm} UTC";
        Assert.Contains($"Confirmed by CloudWatch (AWS/ApplicationELB, {world.LoadBalancerId}, {window}):\n", text, StringComparison.Ordinal);
        var line = $"  target-connection-failed: confirmed: TargetConnectionErrorCount 3 for {world.LoadBalancerId}, {window}\n";
        Assert.True(text.Contains(line, StringComparison.Ordinal), $"no line '{line.Trim()}' in:\n{text}");
        var confirmed = envelope.RootElement.GetProperty("MessageAttributes").GetProperty("confirmed");
        Assert.Equal(("String", "true"), (confirmed.GetProperty("Type").GetString(), confirmed.GetProperty("Value").GetString()));
        Assert.Equal("target-connection-failed", envelope.RootElement.GetProperty("MessageAttributes").GetProperty("topCause").GetProperty("Value").GetString());
    }
}
