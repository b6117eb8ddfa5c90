using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AlbLogLambda.Aws;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with Signature Version 4 through AWSSDK.Core's public standalone signer
/// (<see cref="AWSSigV4Signer"/>): no cryptography here, only the mapping between the message and the signer.
/// </summary>
/// <remarks>
/// Every header on the message when it is signed is signed (except Content-Length, which the transport sets); the
/// signer adds Authorization, X-Amz-Date, X-Amz-Content-SHA256 and, for session credentials, X-Amz-Security-Token.
/// Sign each attempt anew: a retried request needs a fresh timestamp.
/// </remarks>
internal static class SigV4RequestSigner
{
    /// <param name="request">The request; its URI and headers are final. The signature headers are added to it.</param>
    /// <param name="body">The exact body bytes the request sends (empty for none).</param>
    /// <param name="credentials">Resolved on every call, so refreshing credentials stay current.</param>
    /// <param name="region">The signing region, e.g. us-east-1.</param>
    /// <param name="service">The signing service name, e.g. sns.</param>
    /// <param name="signedAt">A fixed signing time (test vectors); null for now.</param>
    /// <param name="cancellationToken">Cancels credential resolution.</param>
    public static async Task SignAsync(
        HttpRequestMessage request,
        byte[] body,
        AWSCredentials credentials,
        string region,
        string service,
        DateTime? signedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(credentials);

        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri,
            Content = body,
        };
        CopyHeaders(request.Headers.NonValidated, signing.Headers);
        if (request.Content is not null)
        {
            CopyHeaders(request.Content.Headers.NonValidated, signing.Headers);
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt,
        };
        var result = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static void CopyHeaders(System.Net.Http.Headers.HttpHeadersNonValidated headers, IDictionary<string, string> target)
    {
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // One value per name, comma-joined without spaces, as the signer documents.
            target[name] = string.Join(',', values.Select(static v => v.Trim()));
        }
    }
}
