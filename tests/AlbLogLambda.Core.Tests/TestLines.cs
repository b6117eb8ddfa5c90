using System.IO.Compression;
using System.Text;

namespace AlbLogLambda.Core.Tests;

/// <summary>Builds realistic ALB access-log lines field by field, so each test states only what it varies.</summary>
internal static class TestLines
{
    public const string Elb = "app/my-alb/50dc6c495c0c9188";
    public const string TargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";

    public static string Line(
        string type = "http",
        string time = "2026-11-24T10:03:12.123456Z",
        string elb = Elb,
        string client = "198.51.100.7:51234",
        string target = "10.0.1.12:8080",
        string times = "0.001 0.012 0.000",
        string status = "200 200",
        string request = "GET http://www.example.com:80/orders?id=42 HTTP/1.1",
        string targetGroup = TargetGroup,
        string created = "2026-11-24T10:03:12.110000Z",
        string actions = "forward",
        string errorReason = "-",
        string tail = "\"-\" \"-\" TID_37acbe0641d1c34287fee137ef3a5286")
    {
        string targetList = target == "-" ? "-" : target;
        string targetStatus = status.Split(' ')[1];
        return $"{type} {time} {elb} {client} {target} {times} {status} 120 560 \"{request}\" \"curl/8.4.0\" - - {targetGroup} "
            + $"\"Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5\" \"-\" \"-\" 0 {created} \"{actions}\" \"-\" \"{errorReason}\" "
            + $"\"{targetList}\" \"{targetStatus}\" {tail}".TrimEnd();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Gzip(string text) => Gzip(Utf8(text));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    public static string FixturePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
