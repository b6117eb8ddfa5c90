using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.Rendering;
using AlbLogLambda.Sns;

namespace AlbLogLambda.Cli.Commands;

/// <summary>Dry run on a terminal: each summary's SNS message as a person would read it in their mail.</summary>
internal sealed class PrintedSummaryPublisher(TextWriter output) : ISummaryPublisher
{
    public Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        var message = SnsSummaryMessage.Build(summary, topicArn: null);
        output.WriteLine($"--- alert (dry run: {FunctionSettings.AlertTopicArnVariable} is not set) ---");
        output.WriteLine($"Subject: {message.Subject}");
        // Attribute values go to SNS as they are; on a terminal, one from a hostile key must not drive it.
        output.WriteLine($"Attributes: {string.Join(", ", message.Attributes.Select(a => a.Name + "=" + InertText.Escape(a.Value)))}");
        output.WriteLine();
        output.WriteLine(message.Body);
        output.Flush();
        return Task.FromResult(PublishReceipt.NotSent);
    }
}
