using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Core.ObjectKeys;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.Cli.Replay;

/// <summary>An access-log object a replay covers.</summary>
internal sealed record ListedObject(string Bucket, string Key, long Size, string? ETag, DateTimeOffset? LastModified, AlbLogObjectKey Parsed);

/// <summary>Counts while listing: every key seen, and the ones kept.</summary>
internal readonly record struct ListingCounts(long Listed, long Matched, long MatchedBytes);

/// <summary>
/// Lists a bucket with ListObjectsV2, page by page (1,000 keys each), and yields the access-log objects the
/// <see cref="ReplayFilter"/> keeps, in key order.
/// </summary>
/// <remarks>
/// When the prefix ends at a Region folder (<c>…AWSLogs/ACCOUNT/elasticloadbalancing/REGION/</c>) and a start time is
/// given, only the day folders that can hold the range are listed: ELB files an object under the day it delivered it,
/// which is the day of its end-time or, near midnight, the next one.
/// </remarks>
internal sealed partial class LogObjectLister(IAmazonS3 s3)
{
    /// <summary>Day folders beyond this many are not worth one request each: the whole prefix is listed instead.</summary>
    private const int MaxDayFolders = 3_660;

    public async IAsyncEnumerable<ListedObject> ListAsync(
        string bucket,
        string? prefix,
        ReplayFilter filter,
        DateTimeOffset now,
        Action<ListingCounts>? onPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(filter);
        long listed = 0, matched = 0, matchedBytes = 0;
        foreach (var listingPrefix in ListingPrefixes(prefix, filter.From, filter.To, now))
        {
            var request = new ListObjectsV2Request { BucketName = bucket, Prefix = listingPrefix.Length > 0 ? listingPrefix : null };
            while (true)
            {
                var page = await s3.ListObjectsV2Async(request, cancellationToken);
                foreach (var o in page.S3Objects ?? [])
                {
                    listed++;
                    if (!filter.Matches(o.Key, out var parsed)) continue;
                    matched++;
                    matchedBytes += o.Size ?? 0;
                    yield return new ListedObject(bucket, o.Key, o.Size ?? 0, EntityTag.Unquote(o.ETag),
                        o.LastModified is { } modified ? new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc).ToUniversalTime()) : null,
                        parsed!);
                }
                onPage?.Invoke(new ListingCounts(listed, matched, matchedBytes));
                if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) break;
                request.ContinuationToken = page.NextContinuationToken;
            }
        }
    }

    /// <summary>The prefixes to list, in key order: the prefix itself, or the day folders under it that can hold the range.</summary>
    public static IReadOnlyList<string> ListingPrefixes(string? prefix, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        prefix ??= "";
        if (from is null || !RegionFolder().IsMatch(prefix)) return [prefix];
        string folder = prefix.EndsWith('/') ? prefix : prefix + "/";
        var first = from.Value.UtcDateTime.Date;
        // Delivered after the interval ends: on the end-time's day or, near midnight, the day after.
        var last = (to ?? now).UtcDateTime.Date.AddDays(1);
        if (last < first) return [];
        if ((last - first).TotalDays >= MaxDayFolders) return [prefix];
        var prefixes = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            prefixes.Add(folder + day.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture));
        }
        return prefixes;
    }

    [GeneratedRegex(@"(^|/)AWSLogs/[0-9]{12}/elasticloadbalancing/[a-z0-9-]+/?$")]
    private static partial Regex RegionFolder();
}
