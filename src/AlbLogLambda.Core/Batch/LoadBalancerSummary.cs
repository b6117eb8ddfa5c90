using System.Security.Cryptography;
using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Batch;

/// <summary>One load balancer's summary of a batch: what a publisher turns into one message.</summary>
/// <param name="LoadBalancer">The load balancer (<c>app/name/id</c>).</param>
/// <param name="Report">The analysis of its objects in this batch.</param>
/// <param name="Objects">The objects the summary covers, with the entity tags they were read at.</param>
/// <param name="ObjectsToRetry">Objects of this load balancer left out because they will be retried.</param>
public sealed record LoadBalancerSummary(string LoadBalancer, AnalysisReport Report, IReadOnlyList<LogObjectRef> Objects, int ObjectsToRetry)
{
    /// <summary>
    /// Hex SHA-256 of the sorted <c>bucket/key@etag</c> of the covered objects: a retried or redelivered batch yields the
    /// same identity for the same objects (the FIFO deduplication id and the publication ledger's key), and different
    /// objects never share one.
    /// </summary>
    public string Identity => IdentityOf(Objects);

    /// <summary>Where the HTML report of this summary can be read (a pre-signed link), when one was stored.</summary>
    public Uri? ReportLink { get; init; }

    /// <summary>What AWS's own evidence (CloudWatch metrics) says of the causes; null when it was not asked.</summary>
    public ReportConfirmation? Confirmation { get; init; }

    public static string IdentityOf(IReadOnlyList<LogObjectRef> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var identity = string.Join('\n', objects.Select(o => $"{o.Bucket}/{o.Key}@{EntityTag.Unquote(o.ETag)}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}
