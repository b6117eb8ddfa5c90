using System.Globalization;
using System.IO.Compression;
using System.Text;
using AlbLogLambda.Core.Parsing;
using AlbLogLambda.TestSupport;
using Amazon.S3.Model;

namespace AlbLogLambda.Cli.Tests.Replay;

/// <summary>
/// A real s3rver on 127.0.0.1 with a log bucket shaped like ELB writes it: two load balancers, two nodes each, one
/// object per node every five minutes for a whole day (1,152 access logs, so listing takes two pages), under a
/// prefix that needs URL-encoding (<see cref="Prefix"/>), plus the test file, a connection log, a health-check log,
/// and two access logs under another prefix.
/// </summary>
public sealed class ReplayBucketFixture : IAsyncLifetime
{
    public const string Bucket = "alb-logs-replay";

    /// <summary>The load balancers' log prefix: a space and '=' that S3 notifications encode as '+' and '%3D'.</summary>
    public const string Prefix = "alb logs/env=prod/";

    public const string RegionFolder = Prefix + "AWSLogs/123456789012/elasticloadbalancing/us-east-1/";

    public const string MyAlb = "app/my-alb/50dc6c495c0c9188";
    public const string OtherAlb = "app/other-alb/0123456789abcdef";

    public static readonly DateTimeOffset FirstEnd = new(2026, 11, 24, 0, 5, 0, TimeSpan.Zero);
    public static readonly string[] Nodes = ["10.0.1.23", "10.0.2.57"];

    private S3rverServer? _server;

    public S3rverServer Server => _server ?? throw new InvalidOperationException("s3rver is not started.");

    /// <summary>Every access-log key under <see cref="Prefix"/>, with its load balancer and interval end.</summary>
    public List<(string Key, string LoadBalancer, DateTimeOffset End)> AccessLogs { get; } = [];

    /// <summary>Access logs under another prefix (outside <see cref="Prefix"/>).</summary>
    public List<string> OtherPrefixAccessLogs { get; } = [];

    /// <summary>Objects that are not access logs (the test file, a connection log, a health-check log).</summary>
    public List<string> NotAccessLogs { get; } = [];

    public async Task InitializeAsync()
    {
        _server = await S3rverServer.StartAsync();
        await _server.CreateBucketAsync(Bucket);

        for (int i = 0; i < 288; i++)
        {
            var end = FirstEnd.AddMinutes(5 * i);
            foreach (var lb in new[] { MyAlb, OtherAlb })
            {
                foreach (var node in Nodes) AccessLogs.Add((Key(Prefix, lb, end, node), lb, end));
            }
        }
        var ten = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        OtherPrefixAccessLogs.Add(Key("other/", MyAlb, ten, Nodes[0]));
        OtherPrefixAccessLogs.Add(Key("other/", MyAlb, ten, Nodes[1]));
        NotAccessLogs.Add(Prefix + "AWSLogs/123456789012/ELBAccessLogTestFile");
        NotAccessLogs.Add(Key(Prefix, MyAlb, ten, Nodes[0]).Replace("/123456789012_elasticloadbalancing", "/conn_log_123456789012_elasticloadbalancing", StringComparison.Ordinal));
        NotAccessLogs.Add(Key(Prefix, MyAlb, ten, Nodes[0]).Replace("/123456789012_elasticloadbalancing", "/health_check_log_123456789012_elasticloadbalancing", StringComparison.Ordinal));

        var myAlbLog = SmallLog(MyAlb);
        var otherAlbLog = SmallLog(OtherAlb);
        var uploads = AccessLogs.Select(a => (a.Key, Content: a.LoadBalancer == MyAlb ? myAlbLog : otherAlbLog))
            .Concat(OtherPrefixAccessLogs.Select(k => (Key: k, Content: myAlbLog)))
            .Concat(NotAccessLogs.Select(k => (Key: k, Content: "Enable AccessLog for ELB: app/my-alb/50dc6c495c0c9188\n"u8.ToArray())))
            .ToList();
        using var client = _server.CreateClient();
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (upload, cancellationToken) =>
        {
            await client.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = upload.Key,
                    InputStream = new MemoryStream(upload.Content, writable: false),
                    UseChunkEncoding = false,
                },
                cancellationToken);
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>
    /// An ELB key. The date folder is the delivery day: an object is delivered a few minutes after its interval ends,
    /// so the 23:55 interval lands in the next day's folder.
    /// </summary>
    public static string Key(string prefix, string loadBalancer, DateTimeOffset end, string node)
    {
        var delivered = end.AddMinutes(6);
        var parts = loadBalancer.Split('/');
        string endText = end.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        string random = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(endText + node))[..8];
        return $"{prefix}AWSLogs/123456789012/elasticloadbalancing/us-east-1/{delivered.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture)}/"
            + $"123456789012_elasticloadbalancing_us-east-1_app.{parts[1]}.{parts[2]}_{endText}_{node}_{random}.log.gz";
    }

    /// <summary>A few real lines of the sample log (some 502s from each origin), for the given load balancer, gzipped.</summary>
    private static byte[] SmallLog(string loadBalancer)
    {
        var sample = CliRunner.Fixture("logs", "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz");
        using var input = new GZipStream(File.OpenRead(sample), CompressionMode.Decompress);
        using var reader = new StreamReader(input);
        var lines = new List<string>();
        int ok = 0, errors = 0;
        while (reader.ReadLine() is { } line && (ok < 4 || errors < 8))
        {
            var fields = line.Split(' ');
            if (fields.Length <= (int)AlbLogField.ElbStatusCode) continue;
            if (fields[(int)AlbLogField.ElbStatusCode] == "502" && errors < 8) { lines.Add(line); errors++; }
            else if (fields[(int)AlbLogField.ElbStatusCode] == "200" && ok < 4) { lines.Add(line); ok++; }
        }
        var text = string.Join('\n', lines).Replace(MyAlb, loadBalancer, StringComparison.Ordinal) + "\n";
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return output.ToArray();
    }
}
