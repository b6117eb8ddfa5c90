using System.Text.Json;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Observability;
using AlbLogLambda.S3;
using AlbLogLambda.Tests.Handler;
using AlbLogLambda.TestSupport;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.S3;

/// <summary>
/// S3 reads through <see cref="FaultProxy"/> in front of a real s3rver: transient faults are retried and the object
/// still arrives whole; faults that last end in a retryable failure within the configured timeouts, never a hang;
/// a body cut mid-way is a retryable failure, never an object read "ok" with part of its entries.
/// </summary>
[Trait("Category", "Integration")]
public sealed class S3LogObjectSourceFaultTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    /// <summary>Bounds every wait for an answer: far above the configured timeouts, so a hang fails the test instead of stalling it.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    private static S3LogObjectSourceOptions FastOptions(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(2),
        ReadIdleTimeout = TimeSpan.FromSeconds(2),
        MaxErrorRetry = 2,
    };

    private static string UniqueKey(string what) => $"faults/{what}/{Guid.NewGuid():N}.bin";

    private static async Task<byte[]> ReadAllAsync(Stream content)
    {
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(buffer).AsTask().WaitAsync(s_bound)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("stall")]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("throttle")]
    public async Task OpenAsync_TransientFaultOnTheFirstRequest_IsRetriedAndTheObjectArrivesWhole(string fault)
    {
        var content = new byte[256 * 1024 + 3];
        new Random(11).NextBytes(content);
        var key = UniqueKey(fault);
        var etag = await s3.Server.PutObjectAsync(S3rverFixture.Bucket, key, content);
        await using var proxy = new FaultProxy(s3.Server.ServiceUrl);
        proxy.Inject(ProxyFault.Named(fault), times: 1);
        using var source = new S3LogObjectSource(FastOptions(proxy.Endpoint), S3rverServer.Credentials);

        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, key), CancellationToken.None).WaitAsync(s_bound);
        var received = await ReadAllAsync(logObject.Content);

        Assert.Equal(content, received);
        Assert.Equal(etag, logObject.ETag);
        var requests = proxy.Requests.Where(r => r.Path.EndsWith(key, StringComparison.Ordinal)).ToArray();
        var trace = string.Join("; ", proxy.Requests);
        Assert.True(requests.Length == 2, trace);
        Assert.Equal(ProxyFault.Named(fault).Kind, requests[0].Fault?.Kind);
        Assert.Null(requests[1].Fault);
        Assert.Equal(200, requests[1].UpstreamStatus);
    }

    [Theory]
    [InlineData("throttle", nameof(LogObjectFailure.Throttled))]
    [InlineData("500", nameof(LogObjectFailure.ServiceError))]
    [InlineData("drop", nameof(LogObjectFailure.Network))]
    [InlineData("stall", nameof(LogObjectFailure.Timeout))]
    public async Task OpenAsync_EveryRequestFaulted_EndsInARetryableFailureAfterItsBoundedAttempts(string fault, string expected)
    {
        var key = UniqueKey("always-" + fault);
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, key, [1, 2, 3]);
        await using var proxy = new FaultProxy(s3.Server.ServiceUrl);
        proxy.Inject(ProxyFault.Named(fault));
        using var source = new S3LogObjectSource(FastOptions(proxy.Endpoint), S3rverServer.Credentials);

        // s_bound, not the configured timeouts, would end a hang: the failure must come from the timeouts.
        var ex = await Assert.ThrowsAsync<LogObjectException>(
            () => source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, key), CancellationToken.None).WaitAsync(s_bound));

        Assert.Equal(Enum.Parse<LogObjectFailure>(expected), ex.Failure);
        Assert.True(ex.Retryable);
        // MaxErrorRetry = 2: three SDK attempts, numbered in amz-sdk-request (the socket handler may resend one
        // attempt once on a fresh connection when the pooled one it picked was closed, hence "distinct").
        var requests = proxy.Requests.Where(r => r.Path.EndsWith(key, StringComparison.Ordinal)).ToArray();
        var attempts = requests.Select(r => r.Header("amz-sdk-request")).Distinct().Order().ToArray();
        Assert.True(attempts.SequenceEqual(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]), string.Join("; ", proxy.Requests));
        Assert.All(requests, r => Assert.Equal(ProxyFault.Named(fault).Kind, r.Fault?.Kind));
        Assert.All(requests, r => Assert.Equal(0, r.UpstreamStatus));
    }

    [Fact]
    public async Task Read_BodyCutMidway_FailsRetryableInsteadOfEndingTheObject()
    {
        var content = new byte[1024 * 1024];
        new Random(12).NextBytes(content);
        var key = UniqueKey("cut");
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, key, content);
        await using var proxy = new FaultProxy(s3.Server.ServiceUrl);
        proxy.Inject(ProxyFault.DropMidBody(64 * 1024));
        using var source = new S3LogObjectSource(FastOptions(proxy.Endpoint), S3rverServer.Credentials);
        await using var logObject = await source.OpenAsync(new LogObjectRef(S3rverFixture.Bucket, key), CancellationToken.None).WaitAsync(s_bound);
        Assert.Equal(content.Length, logObject.ContentLength);

        var ex = await Assert.ThrowsAsync<LogObjectException>(() => ReadAllAsync(logObject.Content));

        Assert.Equal(LogObjectFailure.Network, ex.Failure);
        Assert.True(ex.Retryable);
        Assert.Equal(200, Assert.Single(proxy.Requests).UpstreamStatus);
    }

    [Fact]
    public async Task Batch_BodyCutAtAGzipMemberBoundary_RetriesTheObjectInsteadOfReadingItOk()
    {
        // Three gzip members of 100 entries each: cut after the first, a decoder that took the end of the connection
        // for the end of the object would read 100 entries of a complete member and call the object ok.
        var member = Gzip(string.Concat(Enumerable.Repeat(Line("502 -", times: "-1 -1 -1"), 100)));
        byte[] content = [.. member, .. member, .. member];
        var key = Key(rand: "cutmembr");
        await s3.Server.PutObjectAsync(S3rverFixture.Bucket, key, content);
        await using var proxy = new FaultProxy(s3.Server.ServiceUrl);
        using var source = new S3LogObjectSource(FastOptions(proxy.Endpoint), S3rverServer.Credentials);
        var payload = SqsEvent(("m-cut", $$"""{"Records":[{{S3Record(key, S3rverFixture.Bucket)}}]}"""));

        // The control: whole, the object is ok with its 300 entries.
        var (whole, wholePublished) = await RunAsync(source, payload);
        Assert.Equal(("ok", 300), (whole.GetProperty("objects")[0].GetProperty("status").GetString(), whole.GetProperty("objects")[0].GetProperty("entries").GetInt32()));
        Assert.Single(wholePublished);

        proxy.Inject(ProxyFault.DropMidBody(member.Length));
        var (cut, cutPublished) = await RunAsync(source, payload);

        Assert.Equal("retry", cut.GetProperty("objects")[0].GetProperty("status").GetString());
        Assert.Equal(["m-cut"], cut.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        Assert.Empty(cutPublished);
        Assert.Equal(ProxyFaultKind.DropMidBody, proxy.Requests[^1].Fault?.Kind);
    }

    private static async Task<(JsonElement Response, List<(string LoadBalancer, AlbLogLambda.Sns.SnsMessage Message)> Published)> RunAsync(S3LogObjectSource source, byte[] payload)
    {
        using var output = new StringWriter();
        var log = new FunctionLog(output);
        var publisher = new RecordingSummaryPublisher();
        var batch = new BatchRunner(source, publisher, new FunctionSettings().Batch, TimeProvider.System, new FunctionLogObserver(log));
        var handler = new FunctionHandler(batch, log, TimeProvider.System);
        var response = await handler.HandleAsync(payload, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None).WaitAsync(s_bound);
        return (Json(response), publisher.Published);
    }
}
