using AlbLogLambda.Aws;

namespace AlbLogLambda.Notification;

/// <summary>Where alerts go: SNS, or the log when no topic is configured (dry run).</summary>
internal interface IAlertPublisher
{
    /// <summary>Publishes; throws when the message could not be delivered after retries.</summary>
    Task PublishAsync(AlertMessage message, CancellationToken cancellationToken);
}

/// <summary>Publishes to the configured SNS topic.</summary>
internal sealed class SnsAlertPublisher(SnsPublisher publisher, string topicArn, FunctionLog log) : IAlertPublisher
{
    public async Task PublishAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var sns = new SnsMessage(topicArn, message.Subject, message.Body,
            message.Attributes.Select(a => new SnsMessageAttribute(a.Name, a.DataType, a.Value)).ToArray(),
            message.MessageGroupId, message.MessageDeduplicationId);
        var result = await publisher.PublishAsync(sns, cancellationToken);
        log.Write("published", w =>
        {
            w.WriteString("loadBalancer", message.LoadBalancer);
            w.WriteString("topicArn", topicArn);
            w.WriteString("messageId", result.MessageId);
            w.WriteNumber("attempts", result.Attempts);
            w.WriteNumber("bytes", message.SizeInBytes);
        });
    }
}

/// <summary>No topic configured: the message is written to the log instead (dry run, and the CLI's local runs).</summary>
internal sealed class LogAlertPublisher(FunctionLog log) : IAlertPublisher
{
    public Task PublishAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        log.Write("dry-run-alert", w =>
        {
            w.WriteString("loadBalancer", message.LoadBalancer);
            w.WriteString("subject", message.Subject);
            w.WriteStartObject("attributes");
            foreach (var a in message.Attributes) w.WriteString(a.Name, a.Value);
            w.WriteEndObject();
            w.WriteString("message", message.Body);
        });
        return Task.CompletedTask;
    }
}
