using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.Rendering;
using AlbLogLambda.S3;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.Reports;

/// <summary>
/// Writes each summary's HTML report to S3 (<c>PREFIX + load balancer name / identity .html</c>) and hands back a
/// pre-signed GET link to it, so that the alert is one click from the picture. The bucket is private: the link is
/// the only way in, and it stops working when it expires or when the credentials that signed it do.
/// </summary>
public sealed class S3ReportStore : IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly TimeSpan _linkLifetime;
    private readonly TimeProvider _clock;
    private readonly Protocol _protocol;

    /// <param name="client">The S3 client (owned: disposed with the store).</param>
    /// <param name="bucket">The report bucket.</param>
    /// <param name="prefix">The key prefix of the reports.</param>
    /// <param name="linkLifetime">How long a link is valid.</param>
    /// <param name="clock">Now, for the links' expiry.</param>
    /// <param name="plainHttp">The endpoint is plain HTTP (a local stand-in): links must say so, they default to HTTPS.</param>
    public S3ReportStore(AmazonS3Client client, string bucket, string prefix, TimeSpan linkLifetime, TimeProvider clock, bool plainHttp = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _client = client;
        _bucket = bucket;
        _prefix = prefix ?? "";
        _linkLifetime = linkLifetime;
        _clock = clock ?? TimeProvider.System;
        _protocol = plainHttp ? Protocol.HTTP : Protocol.HTTPS;
    }

    public static S3ReportStore Create(string bucket, string prefix, TimeSpan linkLifetime, S3LogObjectSourceOptions options, TimeProvider clock, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = S3LogObjectSource.CreateConfig(options);
        return new S3ReportStore(credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config), bucket, prefix, linkLifetime, clock,
            plainHttp: options.Endpoint?.Scheme == Uri.UriSchemeHttp);
    }

    /// <summary>Uploads the summary's report and returns a link that downloads it.</summary>
    public async Task<Uri> StoreAsync(LoadBalancerSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string key = $"{_prefix}{Sns.SnsSummaryMessage.LoadBalancerName(summary.LoadBalancer)}/{summary.Identity}.html";
        var html = HtmlReportRenderer.Render(summary.Report, new HtmlReportOptions
        {
            Heading = summary.LoadBalancer,
            Confirmation = summary.Confirmation,
        });
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            ContentBody = html,
            ContentType = "text/html; charset=utf-8",
            // One signed body rather than aws-chunked: a report is small, and S3-compatible servers handle it alike.
            UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
        var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = _protocol,
            Expires = _clock.GetUtcNow().UtcDateTime + _linkLifetime,
        }).ConfigureAwait(false);
        return new Uri(url);
    }

    public void Dispose() => _client.Dispose();
}
