using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Evidence;
using AlbLogLambda.Observability;
using AlbLogLambda.Reports;
using AlbLogLambda.S3;
using AlbLogLambda.Sns;

namespace AlbLogLambda;

/// <summary>
/// The one composition root: wires the batch use case to S3, SNS and the structured log, built from the environment.
/// The Lambda entry point, <c>alblog invoke</c> and <c>alblog replay --invoke</c> all start here.
/// </summary>
public static class FunctionHost
{
    /// <param name="settings">The function's settings.</param>
    /// <param name="log">Where structured log lines and metrics go.</param>
    /// <param name="publisher">
    /// Replaces the publisher the settings imply (SNS with a topic, the log without one): the CLI's dry runs.
    /// </param>
    /// <param name="clock">The clock of deadlines and timestamps; the system's by default.</param>
    public static HostedFunction Create(FunctionSettings settings, FunctionLog log, ISummaryPublisher? publisher = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        clock ??= TimeProvider.System;
        var owned = new List<IDisposable>();
        var s3 = S3LogObjectSourceOptions.FromEnvironment();
        var source = new S3LogObjectSource(s3);
        owned.Add(source);
        if (publisher is null)
        {
            if (settings.AlertTopicArn is { } topic)
            {
                var sns = SnsPublisher.FromEnvironment();
                owned.Add(sns);
                publisher = new SnsSummaryPublisher(sns, topic, log);
            }
            else
            {
                publisher = new LoggedSummaryPublisher(log);
            }
        }
        // Reports and markers only for summaries that are really sent: a dry run leaves no trace in S3.
        bool sending = publisher is SnsSummaryPublisher;
        if (settings.ReportBucket is { } reportBucket && sending)
        {
            var store = S3ReportStore.Create(reportBucket, settings.ReportPrefix, settings.ReportLinkLifetime, s3, clock);
            owned.Add(store);
            publisher = new ReportLinkingPublisher(store, publisher, log);
        }
        S3PublicationLedger? ledger = null;
        if (settings.PublishedMarkers is { } markers && sending)
        {
            ledger = S3PublicationLedger.At(markers, s3);
            owned.Add(ledger);
        }
        AwsEvidenceSource? evidence = null;
        if (settings.ConfirmWithAws && sending)
        {
            evidence = AwsEvidenceSource.FromEnvironment();
            owned.Add(evidence);
        }
        var batch = new BatchRunner(source, publisher, settings.Batch, clock, new FunctionLogObserver(log), ledger, evidence);
        return new HostedFunction(new FunctionHandler(batch, log, clock), owned);
    }

    /// <summary>
    /// The evidence source the function confirms with (CloudWatch and ELBv2 over the default credential chain and the
    /// SDK's endpoint overrides), for <c>alblog analyze --confirm</c>. It is <see cref="IDisposable"/>: dispose it when done.
    /// </summary>
    public static IEvidenceSource CreateEvidenceSource() => AwsEvidenceSource.FromEnvironment();
}
