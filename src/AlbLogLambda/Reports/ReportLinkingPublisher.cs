using AlbLogLambda.Core.Batch;
using AlbLogLambda.Observability;

namespace AlbLogLambda.Reports;

/// <summary>
/// Stores each summary's HTML report before it is published and adds the link to the summary. A report that cannot be
/// stored is logged and the summary is published without its link: the picture is a convenience, the alert is not.
/// </summary>
internal sealed class ReportLinkingPublisher(S3ReportStore store, ISummaryPublisher inner, FunctionLog log) : ISummaryPublisher
{
    public async Task<PublishReceipt> PublishAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var linked = summary;
        try
        {
            linked = summary with { ReportLink = await store.StoreAsync(summary, cancellationToken).ConfigureAwait(false) };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.Write("report-not-stored", w =>
            {
                w.WriteString("loadBalancer", summary.LoadBalancer);
                w.WriteString("error", e.Message);
            }, "WARN");
        }
        return await inner.PublishAsync(linked, cancellationToken).ConfigureAwait(false);
    }
}
