namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// The plain inputs of the verdicts: metric name to value over the window, or why the value is missing. Built from
/// <see cref="LoadBalancerEvidence"/> (<see cref="ForLoadBalancer"/>, <see cref="ForTargetGroup"/>) or directly.
/// </summary>
public sealed class MetricCounts
{
    private static readonly string[] s_functionMetrics = [EvidenceMetrics.Throttles, EvidenceMetrics.Errors, EvidenceMetrics.MaxDuration];

    private readonly Dictionary<string, EvidencePart<double>> _values = new(StringComparer.Ordinal);

    public MetricCounts(IEnumerable<KeyValuePair<string, EvidencePart<double>>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }
    }

    /// <summary>The metric's value, or why it is missing; a metric never gathered is unavailable (not asked).</summary>
    public EvidencePart<double> Get(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : EvidencePart<double>.Unavailable(UnavailableReason.NotAsked, $"{name} was not gathered");

    /// <summary>Counts from available values only (tests, callers with figures of their own).</summary>
    public static MetricCounts Of(params (string Name, double Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Name, EvidencePart<double>.Available(v.Value))));

    /// <summary>
    /// The load balancer's metrics (dimension LoadBalancer: every target group together) and, over all its Lambda
    /// target groups, the functions' Throttles and Errors summed and Duration's maximum.
    /// </summary>
    public static MetricCounts ForLoadBalancer(LoadBalancerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var values = LoadBalancerMetrics(evidence.Metrics);
        foreach (var name in s_functionMetrics)
        {
            values.Add(KeyValuePair.Create(name, FunctionMetric(evidence.TargetGroups, name)));
        }

        return new MetricCounts(values);
    }

    /// <summary>One target group's metrics (dimensions TargetGroup and LoadBalancer) and, for a Lambda target group, its function's.</summary>
    public static MetricCounts ForTargetGroup(LoadBalancerEvidence evidence, string targetGroupArn)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.TargetGroup(targetGroupArn) is not { } group)
        {
            var missing = new Unavailable(UnavailableReason.NotAsked, $"target group {targetGroupArn} was not among those asked for");
            return new MetricCounts(
                EvidenceMetrics.LoadBalancerCounts.Concat(s_functionMetrics)
                    .Select(name => KeyValuePair.Create(name, EvidencePart<double>.Unavailable(missing))));
        }

        var values = LoadBalancerMetrics(group.Metrics);
        foreach (var name in s_functionMetrics)
        {
            values.Add(KeyValuePair.Create(name, FunctionMetric([group], name)));
        }

        return new MetricCounts(values);
    }

    private static List<KeyValuePair<string, EvidencePart<double>>> LoadBalancerMetrics(EvidencePart<MetricReadings> metrics) =>
        [.. EvidenceMetrics.LoadBalancerCounts.Select(name => KeyValuePair.Create(
            name,
            metrics.IsAvailable ? EvidencePart<double>.Available(metrics.Value[name]) : EvidencePart<double>.Unavailable(metrics.Missing)))];

    /// <summary>A function metric over the Lambda target groups among <paramref name="groups"/>: Duration's maximum, the others' sum.</summary>
    private static EvidencePart<double> FunctionMetric(IEnumerable<TargetGroupEvidence> groups, string name)
    {
        var total = 0.0;
        var lambdaGroups = 0;
        foreach (var group in groups)
        {
            if (group.Configuration.IsAvailable && !group.Configuration.Value.IsLambda)
            {
                continue;
            }

            // A Lambda target group, or one of unknown type: its function's figures must be there.
            if (group.LambdaFunction.Missing is { } noFunction)
            {
                return EvidencePart<double>.Unavailable(noFunction);
            }

            var metrics = group.LambdaFunction.Value!.Metrics;
            if (metrics.Missing is { } noMetrics)
            {
                return EvidencePart<double>.Unavailable(noMetrics);
            }

            lambdaGroups++;
            var value = metrics.Value![name];
            total = name == EvidenceMetrics.MaxDuration ? Math.Max(total, value) : total + value;
        }

        return lambdaGroups > 0
            ? EvidencePart<double>.Available(total)
            : EvidencePart<double>.Unavailable(UnavailableReason.NotAsked, "no Lambda target group among the target groups in the logs");
    }
}
