using System.Net;
using System.Text.Json;
using AlbLogLambda.Aws;
using AlbLogLambda.TestSupport;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// One moto server per test class as the function's AWS: S3 (the log bucket, which also holds the publication
/// markers) and SNS (a topic per test, so that each test counts only its own messages). What SNS accepted is read
/// from moto's own record of it (<c>/moto-api/data.json</c>: every topic's <c>sent_notifications</c>).
/// </summary>
public sealed class MotoAlertFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string Bucket = "alb-logs-123456789012";
    public const string MarkerPrefix = "alb-log-lambda/published/";

    /// <summary>moto answers every caller here (no INITIAL_NO_AUTH_ACTION_COUNT); these only have to be well formed.</summary>
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto is not started.");

    /// <summary>The function's <c>PUBLISHED_MARKERS</c>.</summary>
    public static Uri Markers => new($"s3://{Bucket}/{MarkerPrefix}");

    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync();
        using var s3 = S3Client(Server.Endpoint);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>An S3 client for <paramref name="endpoint"/> (moto, or a proxy in front of it), as the function configures its own.</summary>
    public static AmazonS3Client S3Client(Uri endpoint, int maxErrorRetry = 2) => new(Credentials, new AmazonS3Config
    {
        ServiceURL = endpoint.AbsoluteUri,
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        Timeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxErrorRetry = maxErrorRetry,
    });

    /// <summary>A new standard topic; returns its ARN.</summary>
    public async Task<string> CreateTopicAsync(string name)
    {
        using var query = new AwsQueryClient(new AwsQueryClientOptions { AttemptTimeout = TimeSpan.FromSeconds(30) }, Credentials);
        var answer = await query.CallAsync(
            new AwsQueryRequest(Server.Endpoint, Region, "sns", "CreateTopic", "2010-03-31", [KeyValuePair.Create("Name", name)]),
            CancellationToken.None);
        return answer.Descendants().First(e => e.Name.LocalName == "TopicArn").Value;
    }

    /// <summary>Uploads a log object straight to moto; returns its ETag without quotes.</summary>
    public async Task<string> PutObjectAsync(string key, byte[] content)
    {
        using var s3 = S3Client(Server.Endpoint);
        var response = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(content, writable: false),
            UseChunkEncoding = false,
        });
        return response.ETag.Trim('"');
    }

    /// <summary>The object's body, or null when moto has no such key (asked straight, not through a proxy).</summary>
    public async Task<string?> ReadObjectAsync(string key)
    {
        using var s3 = S3Client(Server.Endpoint);
        try
        {
            using var response = await s3.GetObjectAsync(Bucket, key);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The keys under the marker prefix.</summary>
    public async Task<IReadOnlyList<string>> MarkerKeysAsync()
    {
        using var s3 = S3Client(Server.Endpoint);
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = MarkerPrefix });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToArray();
    }

    /// <summary>Every message SNS accepted for the topic, in order: (message id, body, subject).</summary>
    public async Task<IReadOnlyList<(string MessageId, string Body, string? Subject)>> SentAsync(string topicArn)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var data = JsonDocument.Parse(await http.GetStringAsync(new Uri(Server.Endpoint, "moto-api/data.json")));
        if (!data.RootElement.TryGetProperty("sns", out var sns))
        {
            return [];
        }

        // sent_notifications: [message id, message, subject, attributes, group id] per message.
        return sns.GetProperty("Topic").EnumerateArray()
            .Where(t => t.GetProperty("arn").GetString() == topicArn)
            .SelectMany(t => t.GetProperty("sent_notifications").EnumerateArray())
            .Select(n => (n[0].GetString()!, n[1].GetString()!, n[2].ValueKind == JsonValueKind.String ? n[2].GetString() : null))
            .ToArray();
    }

    /// <summary>An ALB key for load balancer <paramref name="lb"/>, unique to the calling test (so are its marker identities).</summary>
    public static string UniqueKey(string lb = "my-alb", string id = "50dc6c495c0c9188") =>
        Handler.FunctionTestKit.Key(lb: lb, id: id, rand: Guid.NewGuid().ToString("N")[..8]);
}
