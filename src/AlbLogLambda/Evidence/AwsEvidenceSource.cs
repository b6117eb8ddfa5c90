using System.Globalization;
using AlbLogLambda.Aws;
using AlbLogLambda.CloudWatch;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.ElasticLoadBalancing;
using Amazon;
using Amazon.Runtime;

namespace AlbLogLambda.Evidence;

/// <summary>
/// The evidence port over AWS: CloudWatch GetMetricData for the load balancer's and its target groups' counts (one
/// call), ELBv2 for the target groups' protocol, type and deregistration delay and the load balancer's idle timeout,
/// and for a Lambda target group its function (DescribeTargetHealth) and the function's own metrics.
/// </summary>
/// <remarks>
/// Everything runs at once under one budget (<see cref="AwsEvidenceSourceOptions.Budget"/>); a part that has not
/// answered by then, was refused, or failed is returned unavailable with the reason. Never throws. Configuration is
/// cached for <see cref="AwsEvidenceSourceOptions.ConfigurationLifetime"/>, per process for sources made by
/// <see cref="FromEnvironment"/>.
/// </remarks>
internal sealed class AwsEvidenceSource : IEvidenceSource, IDisposable
{
    private const string DeregistrationDelayKey = "deregistration_delay.timeout_seconds";
    private const string IdleTimeoutKey = "idle_timeout.timeout_seconds";

    private static readonly Lazy<ConfigurationCache> s_processCache =
        new(() => new ConfigurationCache(new AwsEvidenceSourceOptions().ConfigurationLifetime, TimeProvider.System));

    private readonly AwsEvidenceSourceOptions _options;
    private readonly AwsQueryClient _query;
    private readonly CloudWatchClient _cloudWatch;
    private readonly ElasticLoadBalancingV2Client _elb;
    private readonly ConfigurationCache _cache;
    private readonly TimeProvider _time;

    /// <param name="options">Budget, cache lifetime, endpoints, transport.</param>
    /// <param name="credentials">Fixed credentials (tests); null for the default chain.</param>
    /// <param name="handler">Transport (tests); null for the default one.</param>
    /// <param name="time">The clock for the cache and the metric resolution; the system clock by default.</param>
    /// <param name="cache">The configuration cache; null for one of this instance's own.</param>
    public AwsEvidenceSource(
        AwsEvidenceSourceOptions options,
        AWSCredentials? credentials = null,
        HttpMessageHandler? handler = null,
        TimeProvider? time = null,
        ConfigurationCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _query = new AwsQueryClient(options.Query, credentials, handler);
        _cloudWatch = new CloudWatchClient(_query, options.CloudWatchEndpoint);
        _elb = new ElasticLoadBalancingV2Client(_query, options.ElasticLoadBalancingEndpoint);
        _cache = cache ?? new ConfigurationCache(options.ConfigurationLifetime, _time);
    }

    /// <summary>
    /// A source configured from the environment (<see cref="AwsEvidenceSourceOptions.FromEnvironment"/>), sharing the
    /// process's configuration cache with every other source made this way.
    /// </summary>
    public static AwsEvidenceSource FromEnvironment()
    {
        var options = AwsEvidenceSourceOptions.FromEnvironment();
        return new(options, cache: s_processCache.Value);
    }

    public async Task<LoadBalancerEvidence> GatherAsync(EvidenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(_options.Budget);
            return await GatherWithinAsync(request, budget.Token, cancellationToken);
        }
        catch (Exception ex)
        {
            // Evidence never fails a run: whatever went wrong here is reported, not thrown.
            return LoadBalancerEvidence.AllUnavailable(request, new Unavailable(UnavailableReason.ApiError, ex.Message));
        }
    }

    public void Dispose() => _query.Dispose();

    private async Task<LoadBalancerEvidence> GatherWithinAsync(EvidenceRequest request, CancellationToken budget, CancellationToken caller)
    {
        var window = request.Window;
        var groups = request.TargetGroupArns.Distinct(StringComparer.Ordinal).ToList();
        var askable = groups.Where(arn => TargetGroupArns.DimensionValue(arn) is not null).ToList();

        var metrics = Guard(t => LoadBalancerMetricsAsync(request, askable, window, t), budget, caller);
        var idleTimeout = LoadBalancerArn(request, askable) is { } loadBalancerArn
            ? Guard(t => IdleTimeoutAsync(request.Region, loadBalancerArn, t), budget, caller)
            : Task.FromResult(EvidencePart<int>.Unavailable(UnavailableReason.NotAsked, "the load balancer's ARN is unknown: no account id in the request or its target group ARNs"));
        var perGroup = groups.Select(arn => TargetGroupAsync(request, arn, window, budget, caller)).ToList();

        await Task.WhenAll(metrics, idleTimeout, Task.WhenAll(perGroup));

        var metricsResult = await metrics;
        var loadBalancerMetrics = metricsResult.IsAvailable
            ? EvidencePart<MetricReadings>.Available(metricsResult.Value.LoadBalancer)
            : EvidencePart<MetricReadings>.Unavailable(metricsResult.Missing);
        var targetGroups = new List<TargetGroupEvidence>(groups.Count);
        foreach (var (arn, task) in groups.Zip(perGroup))
        {
            var part = await task;
            EvidencePart<MetricReadings> groupMetrics;
            if (!metricsResult.IsAvailable)
            {
                groupMetrics = EvidencePart<MetricReadings>.Unavailable(metricsResult.Missing);
            }
            else if (metricsResult.Value.TargetGroups.TryGetValue(arn, out var readings))
            {
                groupMetrics = EvidencePart<MetricReadings>.Available(readings);
            }
            else
            {
                groupMetrics = EvidencePart<MetricReadings>.Unavailable(UnavailableReason.NotAsked, $"'{arn}' is not a target group ARN");
            }

            targetGroups.Add(new TargetGroupEvidence(arn, groupMetrics, part.Configuration, part.DeregistrationDelay, part.LambdaFunction));
        }

        return new LoadBalancerEvidence(request.LoadBalancerId, window, loadBalancerMetrics, await idleTimeout, targetGroups);
    }

    private async Task<EvidencePart<AlbMetrics>> LoadBalancerMetricsAsync(
        EvidenceRequest request, IReadOnlyList<string> targetGroups, EvidenceWindow window, CancellationToken cancellationToken)
    {
        var period = CloudWatchClient.PeriodSeconds(window.Start, window.End, _time.GetUtcNow());
        var scopes = new List<(string? TargetGroupArn, KeyValuePair<string, string>[] Dimensions)>
        {
            (null, [KeyValuePair.Create("LoadBalancer", request.LoadBalancerId)]),
        };
        // TargetGroup before LoadBalancer, the order the load balancer publishes them in.
        scopes.AddRange(targetGroups.Select(arn => ((string?)arn, new[]
        {
            KeyValuePair.Create("TargetGroup", TargetGroupArns.DimensionValue(arn)!),
            KeyValuePair.Create("LoadBalancer", request.LoadBalancerId),
        })));

        var queries = new List<(MetricDataQuery Query, int Scope)>();
        for (var s = 0; s < scopes.Count; s++)
        {
            foreach (var name in EvidenceMetrics.LoadBalancerCounts)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"m{queries.Count}");
                queries.Add((new MetricDataQuery(id, EvidenceMetrics.LoadBalancerNamespace, name, scopes[s].Dimensions, period, "Sum"), s));
            }
        }

        var results = new Dictionary<string, MetricDataResult>(StringComparer.Ordinal);
        foreach (var chunk in queries.Chunk(CloudWatchClient.MaxQueriesPerCall))
        {
            var answered = await _cloudWatch.GetMetricDataAsync(request.Region, [.. chunk.Select(c => c.Query)], window.Start, window.End, cancellationToken);
            foreach (var result in Checked(answered))
            {
                results[result.Id] = result;
            }
        }

        var readings = scopes.Select(_ => new List<MetricReading>()).ToList();
        foreach (var (query, scope) in queries)
        {
            var values = results.TryGetValue(query.Id, out var result) ? result.Values : [];
            readings[scope].Add(new MetricReading(query.MetricName, values.Sum(), values.Count));
        }

        var byGroup = new Dictionary<string, MetricReadings>(StringComparer.Ordinal);
        for (var s = 1; s < scopes.Count; s++)
        {
            byGroup[scopes[s].TargetGroupArn!] = new MetricReadings(readings[s]);
        }

        return EvidencePart<AlbMetrics>.Available(new AlbMetrics(new MetricReadings(readings[0]), byGroup));
    }

    private async Task<EvidencePart<int>> IdleTimeoutAsync(string region, string loadBalancerArn, CancellationToken cancellationToken)
    {
        var attributes = await _cache.GetOrFetchAsync(
            "lb-attributes " + loadBalancerArn, t => _elb.DescribeLoadBalancerAttributesAsync(region, loadBalancerArn, t), cancellationToken);
        return Seconds(attributes, IdleTimeoutKey, "the load balancer");
    }

    private async Task<GroupParts> TargetGroupAsync(
        EvidenceRequest request, string arn, EvidenceWindow window, CancellationToken budget, CancellationToken caller)
    {
        if (TargetGroupArns.DimensionValue(arn) is null)
        {
            var notArn = new Unavailable(UnavailableReason.NotAsked, $"'{arn}' is not a target group ARN");
            return new GroupParts(
                EvidencePart<TargetGroupConfiguration>.Unavailable(notArn), EvidencePart<int>.Unavailable(notArn), EvidencePart<LambdaFunctionEvidence>.Unavailable(notArn));
        }

        var region = request.Region;
        var configurationTask = Guard(
            async t =>
            {
                var description = await _cache.GetOrFetchAsync("tg " + arn, c => _elb.DescribeTargetGroupsAsync(region, arn, c), t);
                return EvidencePart<TargetGroupConfiguration>.Available(new TargetGroupConfiguration(description.Protocol, description.TargetType, description.Name));
            },
            budget,
            caller);
        var delayTask = Guard(
            async t =>
            {
                var attributes = await _cache.GetOrFetchAsync("tg-attributes " + arn, c => _elb.DescribeTargetGroupAttributesAsync(region, arn, c), t);
                return Seconds(attributes, DeregistrationDelayKey, "the target group (Lambda target groups have none)");
            },
            budget,
            caller);

        var configuration = await configurationTask;
        Task<EvidencePart<LambdaFunctionEvidence>> functionTask;
        if (!configuration.IsAvailable)
        {
            // Whether it is a Lambda target group is unknown, so is its function.
            functionTask = Task.FromResult(EvidencePart<LambdaFunctionEvidence>.Unavailable(configuration.Missing));
        }
        else if (!configuration.Value.IsLambda)
        {
            functionTask = Task.FromResult(EvidencePart<LambdaFunctionEvidence>.Unavailable(UnavailableReason.NotAsked, "not a Lambda target group"));
        }
        else
        {
            functionTask = Guard(t => LambdaFunctionAsync(region, arn, window, budget, caller, t), budget, caller);
        }

        return new GroupParts(configuration, await delayTask, await functionTask);
    }

    private async Task<EvidencePart<LambdaFunctionEvidence>> LambdaFunctionAsync(
        string region, string targetGroupArn, EvidenceWindow window, CancellationToken budget, CancellationToken caller, CancellationToken cancellationToken)
    {
        var targets = await _cache.GetOrFetchAsync("tg-targets " + targetGroupArn, c => _elb.DescribeTargetHealthAsync(region, targetGroupArn, c), cancellationToken);
        if (targets.FirstOrDefault(t => t.StartsWith("arn:", StringComparison.Ordinal)) is not { } functionArn)
        {
            return EvidencePart<LambdaFunctionEvidence>.Unavailable(UnavailableReason.NotAsked, "no function is registered in the target group");
        }

        var metrics = await Guard(t => FunctionMetricsAsync(region, functionArn, window, t), budget, caller);
        return EvidencePart<LambdaFunctionEvidence>.Available(new LambdaFunctionEvidence(functionArn, metrics));
    }

    private async Task<EvidencePart<MetricReadings>> FunctionMetricsAsync(string region, string functionArn, EvidenceWindow window, CancellationToken cancellationToken)
    {
        // arn:aws:lambda:region:account:function:name[:qualifier]
        var parts = functionArn.Split(':');
        if (parts.Length < 7 || parts[2] != "lambda" || parts[5] != "function")
        {
            return EvidencePart<MetricReadings>.Unavailable(UnavailableReason.NotAsked, $"'{functionArn}' is not a Lambda function ARN");
        }

        KeyValuePair<string, string>[] dimensions = parts.Length > 7
            ? [KeyValuePair.Create("FunctionName", parts[6]), KeyValuePair.Create("Resource", $"{parts[6]}:{parts[7]}")]
            : [KeyValuePair.Create("FunctionName", parts[6])];
        var period = CloudWatchClient.PeriodSeconds(window.Start, window.End, _time.GetUtcNow());
        MetricDataQuery[] queries =
        [
            new("throttles", EvidenceMetrics.LambdaNamespace, EvidenceMetrics.Throttles, dimensions, period, "Sum"),
            new("errors", EvidenceMetrics.LambdaNamespace, EvidenceMetrics.Errors, dimensions, period, "Sum"),
            new("duration", EvidenceMetrics.LambdaNamespace, EvidenceMetrics.MaxDuration, dimensions, period, "Maximum"),
        ];
        var results = Checked(await _cloudWatch.GetMetricDataAsync(region, queries, window.Start, window.End, cancellationToken));
        return EvidencePart<MetricReadings>.Available(new MetricReadings(queries.Zip(results).Select(p => new MetricReading(
            p.First.MetricName,
            p.First.Stat == "Maximum" ? (p.Second.Values.Count > 0 ? p.Second.Values.Max() : 0) : p.Second.Values.Sum(),
            p.Second.Values.Count))));
    }

    /// <summary>The load balancer's ARN from its log id, the account and the partition.</summary>
    internal static string? LoadBalancerArn(EvidenceRequest request, IReadOnlyList<string> targetGroupArns)
    {
        var fromGroup = targetGroupArns.Count > 0 ? targetGroupArns[0] : null;
        var account = request.AccountId ?? (fromGroup is null ? null : TargetGroupArns.AccountId(fromGroup));
        if (string.IsNullOrEmpty(account) || !request.LoadBalancerId.StartsWith("app/", StringComparison.Ordinal))
        {
            return null;
        }

        var partition = (fromGroup is null ? null : TargetGroupArns.Partition(fromGroup)) ?? RegionEndpoint.GetBySystemName(request.Region).PartitionName ?? "aws";
        return $"arn:{partition}:elasticloadbalancing:{request.Region}:{account}:loadbalancer/{request.LoadBalancerId}";
    }

    /// <summary>
    /// The results, unless CloudWatch marked one Forbidden (no access to that metric) or InternalError: then the sums
    /// would read a missing figure as zero, so the whole part is unavailable instead.
    /// </summary>
    private static IReadOnlyList<MetricDataResult> Checked(IReadOnlyList<MetricDataResult> results)
    {
        if (results.FirstOrDefault(r => r.StatusCode is "Forbidden" or "InternalError") is { } failed)
        {
            throw new AwsQueryException(
                $"GetMetricData answered StatusCode {failed.StatusCode} for query {failed.Id}.",
                denied: failed.StatusCode == "Forbidden", failed.StatusCode, errorMessage: null, statusCode: null, attempts: 1, innerException: null);
        }

        return results;
    }

    private static EvidencePart<int> Seconds(IReadOnlyDictionary<string, string> attributes, string key, string owner) =>
        attributes.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? EvidencePart<int>.Available(seconds)
            : EvidencePart<int>.Unavailable(UnavailableReason.NotAsked, $"{key} is not an attribute of {owner}");

    /// <summary>Runs one part within the budget and turns every way it can fail into the part's unavailable reason.</summary>
    private async Task<EvidencePart<T>> Guard<T>(Func<CancellationToken, Task<EvidencePart<T>>> part, CancellationToken budget, CancellationToken caller)
    {
        try
        {
            // WaitAsync: the budget holds even for work that does not watch its token closely.
            return await part(budget).WaitAsync(budget);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            var detail = caller.IsCancellationRequested
                ? "cancelled before AWS answered"
                : string.Create(CultureInfo.InvariantCulture, $"no answer within the evidence budget of {_options.Budget.TotalSeconds:0.###} s");
            return EvidencePart<T>.Unavailable(UnavailableReason.Timeout, detail);
        }
        catch (AwsQueryException ex)
        {
            return EvidencePart<T>.Unavailable(ex.Denied ? UnavailableReason.NoPermission : UnavailableReason.ApiError, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return EvidencePart<T>.Unavailable(UnavailableReason.ApiError, ex.Message);
        }
    }

    private sealed record AlbMetrics(MetricReadings LoadBalancer, IReadOnlyDictionary<string, MetricReadings> TargetGroups);

    private sealed record GroupParts(
        EvidencePart<TargetGroupConfiguration> Configuration, EvidencePart<int> DeregistrationDelay, EvidencePart<LambdaFunctionEvidence> LambdaFunction);
}
