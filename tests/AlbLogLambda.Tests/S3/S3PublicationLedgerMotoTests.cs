using System.Net;
using AlbLogLambda.S3;
using AlbLogLambda.Tests.EndToEnd;
using AlbLogLambda.TestSupport;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.Tests.S3;

/// <summary>
/// The publication ledger against moto's S3 and its conditional writes (<c>If-None-Match: *</c>): the first record
/// of an identity writes the marker, a second is refused by S3 (412 PreconditionFailed) and counts as recorded. A
/// pass-through <see cref="FaultProxy"/> shows what S3 answered to each request.
/// </summary>
[Trait("Category", "Integration")]
public sealed class S3PublicationLedgerMotoTests(MotoAlertFixture moto) : IClassFixture<MotoAlertFixture>
{
    private static string Identity() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    [Fact]
    public async Task RecordAsync_Twice_FirstWritesTheMarkerAndSecondIsRefusedWithPreconditionFailed()
    {
        await using var proxy = new FaultProxy(moto.Server.Endpoint);
        using var ledger = new S3PublicationLedger(MotoAlertFixture.S3Client(proxy.Endpoint), MotoAlertFixture.Bucket, MotoAlertFixture.MarkerPrefix);
        var identity = Identity();

        Assert.False(await ledger.ContainsAsync(identity, CancellationToken.None));
        await ledger.RecordAsync(identity, CancellationToken.None);
        Assert.True(await ledger.ContainsAsync(identity, CancellationToken.None));
        await ledger.RecordAsync(identity, CancellationToken.None); // refused by S3, and that is "recorded"

        var puts = proxy.Requests.Where(r => r.Method == "PUT").ToArray();
        Assert.Equal([200, 412], puts.Select(p => p.UpstreamStatus));
        Assert.All(puts, p => Assert.Equal("*", p.Header("If-None-Match")));
        Assert.All(puts, p => Assert.Equal($"/{MotoAlertFixture.Bucket}/{MotoAlertFixture.MarkerPrefix}{identity}", p.Path));
        Assert.Equal([404, 200], proxy.Requests.Where(r => r.Method == "HEAD").Select(h => h.UpstreamStatus));
        Assert.Equal("published\n", await moto.ReadObjectAsync(MotoAlertFixture.MarkerPrefix + identity));
    }

    [Fact]
    public async Task RecordAsync_AfterAnotherWriterRecordedFirst_LeavesTheFirstMarkerAsItWas()
    {
        var identity = Identity();
        var key = MotoAlertFixture.MarkerPrefix + identity;
        using (var s3 = MotoAlertFixture.S3Client(moto.Server.Endpoint))
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = MotoAlertFixture.Bucket, Key = key, ContentBody = "first writer\n", IfNoneMatch = "*" });
        }

        using var ledger = new S3PublicationLedger(MotoAlertFixture.S3Client(moto.Server.Endpoint), MotoAlertFixture.Bucket, MotoAlertFixture.MarkerPrefix);
        await ledger.RecordAsync(identity, CancellationToken.None);

        Assert.Equal("first writer\n", await moto.ReadObjectAsync(key));
        Assert.True(await ledger.ContainsAsync(identity, CancellationToken.None));
    }

    [Fact]
    public async Task ConditionalWrite_OnAnExistingMarker_IsRefusedByMotoWith412()
    {
        // What the ledger relies on, shown without it: S3 refuses the second conditional write of a key.
        var key = MotoAlertFixture.MarkerPrefix + Identity();
        using var s3 = MotoAlertFixture.S3Client(moto.Server.Endpoint, maxErrorRetry: 0);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = MotoAlertFixture.Bucket, Key = key, ContentBody = "one\n", IfNoneMatch = "*" });

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(
            () => s3.PutObjectAsync(new PutObjectRequest { BucketName = MotoAlertFixture.Bucket, Key = key, ContentBody = "two\n", IfNoneMatch = "*" }));

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("PreconditionFailed", refused.ErrorCode);
        Assert.Equal("one\n", await moto.ReadObjectAsync(key));
    }

    [Fact]
    public async Task RecordAsync_S3Fails_Throws_SoTheBatchCanLogIt()
    {
        await using var proxy = new FaultProxy(moto.Server.Endpoint);
        proxy.Inject(ProxyFault.ServerError(500), when: r => r.Method == "PUT");
        using var ledger = new S3PublicationLedger(MotoAlertFixture.S3Client(proxy.Endpoint, maxErrorRetry: 1), MotoAlertFixture.Bucket, MotoAlertFixture.MarkerPrefix);
        var identity = Identity();

        var ex = await Assert.ThrowsAsync<AmazonS3Exception>(() => ledger.RecordAsync(identity, CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Null(await moto.ReadObjectAsync(MotoAlertFixture.MarkerPrefix + identity));
    }
}
