using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// A small ALB access-log object made at run time: entries of known causes for one load balancer, gzip-compressed, with
/// the key Elastic Load Balancing gives it (<c>AWSLogs/ACCOUNT/elasticloadbalancing/REGION/yyyy/MM/dd/...log.gz</c>).
/// </summary>
internal sealed class AccessLogObject
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string WebTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
    public const string LambdaTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-fn/a94c07d2e1b6f385";

    private readonly StringBuilder _lines = new();
    private readonly DateTimeOffset _start;
    private int _count;

    /// <param name="loadBalancer"><c>app/NAME/ID</c>.</param>
    /// <param name="intervalEnd">The end of the five-minute interval the object covers (its key names it).</param>
    public AccessLogObject(string loadBalancer, DateTimeOffset intervalEnd)
    {
        LoadBalancer = loadBalancer;
        IntervalEnd = intervalEnd;
        _start = intervalEnd.AddMinutes(-5);
    }

    public string LoadBalancer { get; }

    public DateTimeOffset IntervalEnd { get; }

    /// <summary>The object key, as ELB names it (no custom prefix).</summary>
    public string Key
    {
        get
        {
            var parts = LoadBalancer.Split('/');
            var day = IntervalEnd.UtcDateTime;
            return $"AWSLogs/{Account}/elasticloadbalancing/{Region}/{day:yyyy}/{day:MM}/{day:dd}/"
                + $"{Account}_elasticloadbalancing_{Region}_app.{parts[1]}.{parts[2]}_{day:yyyyMMdd'T'HHmm}Z_10.0.1.23_5h2k9x3a.log.gz";
        }
    }

    /// <summary>Entries answered 200 by their target: the traffic the 502s stand out from.</summary>
    public AccessLogObject Ok(int count, string target = "10.0.11.10:8080", string targetGroup = WebTargetGroup) =>
        Add(count, target, "0.001 0.014 0.000", "200", "200", "/robots.txt", "-", targetGroup);

    /// <summary>502s the target returned itself (cause target-returned-502, origin target).</summary>
    public AccessLogObject TargetReturned502(int count, string path = "/checkout/confirm", string target = "10.0.11.215:8080") =>
        Add(count, target, "0.000 0.042 0.000", "502", "502", path, "-", WebTargetGroup);

    /// <summary>502s of a target the load balancer could not connect to (cause target-connection-failed).</summary>
    public AccessLogObject ConnectionFailed(int count, string target = "10.0.15.87:8080", string targetGroup = WebTargetGroup) =>
        Add(count, target, "-1 -1 -1", "502", "-", "/cart", "-", targetGroup);

    /// <summary>502s of a Lambda target whose function threw (cause lambda-unhandled).</summary>
    public AccessLogObject LambdaUnhandled(int count) =>
        Add(count, "-", "0.000 0.947 0.000", "502", "-", "/checkout/473168/confirm", "LambdaUnhandled", LambdaTargetGroup);

    /// <summary>The entries, gzip-compressed.</summary>
    public byte[] Gzip()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(_lines.ToString()));
        }

        return buffer.ToArray();
    }

    /// <summary>A direct S3 event notification for an object of <paramref name="size"/> bytes at <paramref name="key"/>.</summary>
    public static string S3Event(string bucket, string key, long size) =>
        "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"" + Region + "\",\"eventTime\":\"2026-11-24T10:05:31.000Z\","
        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + bucket + "\",\"arn\":\"arn:aws:s3:::" + bucket + "\"},"
        + "\"object\":{\"key\":\"" + key + "\",\"size\":" + size.ToString(CultureInfo.InvariantCulture) + "}}}]}";

    private AccessLogObject Add(int count, string target, string times, string elbStatus, string targetStatus, string path, string errorReason, string targetGroup)
    {
        for (var i = 0; i < count; i++)
        {
            // Spread over the interval (about 7 s apart, wrapping), so that a few dozen entries span its five minutes.
            var time = _start.AddMilliseconds(4_250 + (_count * 6_911 % 290_000)).UtcDateTime;
            var created = time.AddMilliseconds(-40);
            _count++;
            _lines.Append(CultureInfo.InvariantCulture,
                $"https {time:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {LoadBalancer} 203.0.113.14:{14_000 + _count} {target} {times} {elbStatus} {targetStatus} 476 304 ")
                .Append(CultureInfo.InvariantCulture, $"\"GET https://www.example.com:443{path} HTTP/1.1\" \"curl/8.5.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 {targetGroup} ")
                .Append(CultureInfo.InvariantCulture, $"\"Root=1-6b056020-{_count:x24}\" \"www.example.com\" \"-\" 0 {created:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} \"forward\" \"-\" \"{errorReason}\" ")
                .Append(CultureInfo.InvariantCulture, $"\"{(target == "-" ? "-" : target)}\" \"{targetStatus}\" \"-\" \"-\" TID_{_count:x32} \"-\" \"-\" \"-\"")
                .Append('\n');
        }

        return this;
    }
}
