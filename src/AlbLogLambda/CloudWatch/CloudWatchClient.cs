using System.Globalization;
using AlbLogLambda.Aws;

namespace AlbLogLambda.CloudWatch;

/// <summary>
/// CloudWatch's <c>GetMetricData</c> over the query API (version 2010-08-01, signing name <c>monitoring</c>): the one
/// call of AWSSDK.CloudWatch's <c>AmazonCloudWatchClient</c> this product needs, in its shape, so that the package can
/// replace this file.
/// </summary>
internal sealed class CloudWatchClient
{
    /// <summary>The most queries one call may carry.</summary>
    public const int MaxQueriesPerCall = 500;

    private const int MaxPages = 10;

    private readonly AwsQueryClient _query;
    private readonly Uri? _endpoint;

    /// <param name="query">The signed transport.</param>
    /// <param name="endpoint">An endpoint override (AWS_ENDPOINT_URL_CLOUDWATCH); null for the region's public one.</param>
    public CloudWatchClient(AwsQueryClient query, Uri? endpoint)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _endpoint = endpoint;
    }

    /// <summary>Environment variable suffix of the endpoint override: AWS_ENDPOINT_URL_CLOUDWATCH.</summary>
    public const string ServiceId = "CLOUDWATCH";

    /// <summary>The values of each query over [start, end), every page read; one result per query, in query order.</summary>
    /// <exception cref="AwsQueryException">CloudWatch refused the call or could not be reached.</exception>
    public async Task<IReadOnlyList<MetricDataResult>> GetMetricDataAsync(
        string region, IReadOnlyList<MetricDataQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queries.Count, MaxQueriesPerCall, nameof(queries));
        var values = queries.ToDictionary(q => q.Id, _ => new List<double>(), StringComparer.Ordinal);
        var status = queries.ToDictionary(q => q.Id, _ => "Complete", StringComparer.Ordinal);
        string? nextToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var parameters = Parameters(queries, start, end);
            if (nextToken is not null)
            {
                parameters.Add(KeyValuePair.Create("NextToken", nextToken));
            }

            var answer = await _query.CallAsync(
                new AwsQueryRequest(_endpoint ?? AwsQueryClient.DefaultEndpoint("monitoring", region), region, "monitoring", "GetMetricData", "2010-08-01", parameters),
                cancellationToken);
            var result = answer.Root?.Find("GetMetricDataResult")
                ?? throw new AwsQueryException("GetMetricData answered without a GetMetricDataResult.", false, "InvalidResponse", null, null, 1, null);
            foreach (var member in result.Members("MetricDataResults"))
            {
                if (member.ChildText("Id") is not { } id || !values.TryGetValue(id, out var list))
                {
                    continue;
                }

                list.AddRange(member.Members("Values").Select(v => double.Parse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
                status[id] = member.ChildText("StatusCode") ?? "Complete";
            }

            nextToken = result.ChildText("NextToken");
            if (nextToken is null)
            {
                break;
            }
        }

        return [.. queries.Select(q => new MetricDataResult(q.Id, values[q.Id], status[q.Id]))];
    }

    /// <summary>
    /// The period that covers [start, end) with one-minute data points while CloudWatch keeps them (15 days), else
    /// with the resolution it keeps (5 minutes up to 63 days, 1 hour after); never more than 1,440 points per metric.
    /// </summary>
    internal static int PeriodSeconds(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var age = now - start;
        var resolution = age > TimeSpan.FromDays(63) ? 3600 : age > TimeSpan.FromDays(15) ? 300 : 60;
        var seconds = Math.Max(60, (end - start).TotalSeconds);
        var perPoint = Math.Ceiling(seconds / 1440 / resolution) * resolution;
        return (int)Math.Max(resolution, perPoint);
    }

    private static List<KeyValuePair<string, string>> Parameters(IReadOnlyList<MetricDataQuery> queries, DateTimeOffset start, DateTimeOffset end)
    {
        var parameters = new List<KeyValuePair<string, string>>(queries.Count * 10)
        {
            KeyValuePair.Create("StartTime", Iso(start)),
            KeyValuePair.Create("EndTime", Iso(end)),
        };
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"MetricDataQueries.member.{i + 1}.");
            parameters.Add(KeyValuePair.Create(prefix + "Id", query.Id));
            parameters.Add(KeyValuePair.Create(prefix + "MetricStat.Metric.Namespace", query.Namespace));
            parameters.Add(KeyValuePair.Create(prefix + "MetricStat.Metric.MetricName", query.MetricName));
            for (var d = 0; d < query.Dimensions.Count; d++)
            {
                var dimension = string.Create(CultureInfo.InvariantCulture, $"{prefix}MetricStat.Metric.Dimensions.member.{d + 1}.");
                parameters.Add(KeyValuePair.Create(dimension + "Name", query.Dimensions[d].Key));
                parameters.Add(KeyValuePair.Create(dimension + "Value", query.Dimensions[d].Value));
            }

            parameters.Add(KeyValuePair.Create(prefix + "MetricStat.Period", query.PeriodSeconds.ToString(CultureInfo.InvariantCulture)));
            parameters.Add(KeyValuePair.Create(prefix + "MetricStat.Stat", query.Stat));
            parameters.Add(KeyValuePair.Create(prefix + "ReturnData", "true"));
        }

        return parameters;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
