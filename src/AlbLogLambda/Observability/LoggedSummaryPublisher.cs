using AlbLogLambda.Core.Batch;
using AlbLogLambda.Sns;

namespace AlbLogLambda.Observability;

/// <summary>No topic configured (dry run): each summary's message is written to the log instead of being sent.</summary>
internal sealed class LoggedSummaryPublisher(FunctionLog log) : ISummaryPublisher
{
    public Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        var message = SnsSummaryMessage.Build(summary, topicArn: null);
        log.Write("dry-run-alert", w =>
        {
            w.WriteString("loadBalancer", summary.LoadBalancer);
            w.WriteString("subject", message.Subject);
            w.WriteStartObject("attributes");
            foreach (var a in message.Attributes) w.WriteString(a.Name, a.Value);
            w.WriteEndObject();
            w.WriteString("message", message.Body);
        });
        return Task.FromResult(PublishReceipt.NotSent);
    }
}
