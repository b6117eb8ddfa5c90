using System.Net;
using AlbLogLambda.Core.Batch;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.S3;

/// <summary>
/// The publication ledger as small S3 objects: one marker per published summary, <c>PREFIX + identity</c>, written
/// with a conditional write (<c>If-None-Match: *</c>) so that two invocations never both think they wrote it first.
/// The prefix carries a lifecycle rule that expires markers after the longest redelivery horizon.
/// </summary>
public sealed class S3PublicationLedger : IPublicationLedger, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3PublicationLedger(AmazonS3Client client, string bucket, string prefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _client = client;
        _bucket = bucket;
        _prefix = prefix ?? "";
    }

    /// <summary>A ledger at <paramref name="location"/> (<c>s3://bucket/prefix/</c>), with the function's S3 settings.</summary>
    public static S3PublicationLedger At(Uri location, S3LogObjectSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new S3PublicationLedger(new AmazonS3Client(S3LogObjectSource.CreateConfig(options)), location.Host, location.AbsolutePath.TrimStart('/'));
    }

    public async Task<bool> ContainsAsync(string identity, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = _prefix + identity }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Without s3:ListBucket, S3 answers a missing key with 403; the function may read this prefix, so 403 is "absent".
            return false;
        }
    }

    public async Task RecordAsync(string identity, CancellationToken cancellationToken)
    {
        try
        {
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _prefix + identity,
                ContentBody = "published\n",
                ContentType = "text/plain",
                IfNoneMatch = "*",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            // Another invocation recorded it first (412), or is writing it now (409): recorded either way.
        }
    }

    public void Dispose() => _client.Dispose();
}
