using System.Security.Cryptography;
using System.Text;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// An independent Signature Version 4 check, written from AWS's published algorithm: rebuilds the canonical
/// request from what the server received and recomputes the signature with the BCL's HMAC-SHA256.
/// </summary>
internal static class SigV4Reference
{
    public static (string Expected, string Actual, string Scope) Verify(RecordedRequest request, string secretKey)
    {
        string authorization = Header(request, "Authorization");
        // AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/sns/aws4_request, SignedHeaders=a;b;c, Signature=hex
        var parts = authorization["AWS4-HMAC-SHA256 ".Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var credential = parts["Credential"].Split('/');
        string scope = string.Join('/', credential[1..]);
        var signedHeaders = parts["SignedHeaders"].Split(';');
        string amzDate = Header(request, "X-Amz-Date");

        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n');
        canonical.Append(request.Path).Append('\n');
        canonical.Append('\n'); // no query string
        foreach (var name in signedHeaders)
        {
            var value = string.Join(' ', Header(request, name).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        canonical.Append('\n').Append(parts["SignedHeaders"]).Append('\n');
        canonical.Append(Convert.ToHexStringLower(SHA256.HashData(request.Body)));

        string stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
            + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var step in credential[1..]) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return (expected, parts["Signature"], scope);
    }

    private static string Header(RecordedRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new InvalidOperationException($"header {name} missing");
}
