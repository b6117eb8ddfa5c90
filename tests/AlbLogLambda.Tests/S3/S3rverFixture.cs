using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.S3;

/// <summary>One s3rver per test class, with the log bucket created.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "alb-access-logs-123456789012";

    private S3rverServer? _server;

    public S3rverServer Server => _server ?? throw new InvalidOperationException("s3rver is not started.");

    public async Task InitializeAsync()
    {
        _server = await S3rverServer.StartAsync();
        await _server.CreateBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
