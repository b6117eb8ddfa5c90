using AlbLogLambda.Core.Batch;
using AlbLogLambda.Observability;

namespace AlbLogLambda.Sns;

/// <summary>Publishes each summary to the configured SNS topic as one message (<see cref="SnsSummaryMessage"/>).</summary>
internal sealed class SnsSummaryPublisher(SnsPublisher publisher, string topicArn, FunctionLog log) : ISummaryPublisher
{
    public async Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        var message = SnsSummaryMessage.Build(summary, topicArn);
        var result = await publisher.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        log.Write("published", w =>
        {
            w.WriteString("loadBalancer", summary.LoadBalancer);
            w.WriteString("topicArn", topicArn);
            w.WriteString("messageId", result.MessageId);
            w.WriteNumber("attempts", result.Attempts);
            w.WriteNumber("bytes", message.SizeInBytes);
        });
        return new PublishReceipt(result.MessageId, result.Attempts, DryRun: false);
    }
}
