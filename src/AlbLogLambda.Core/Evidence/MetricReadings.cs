namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// The values of metrics over the window, by metric name: a sum for counts, a maximum for Duration. A metric asked for
/// and without data points reads 0: the load balancer publishes its counts only when they are not zero.
/// </summary>
public sealed class MetricReadings
{
    private readonly Dictionary<string, MetricReading> _readings;

    public MetricReadings(IEnumerable<MetricReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        _readings = new Dictionary<string, MetricReading>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            _readings[reading.Name] = reading;
        }
    }

    /// <summary>Every reading, in the order given.</summary>
    public IReadOnlyCollection<MetricReading> All => _readings.Values;

    /// <summary>The metric's value; 0 for a metric without data points or not asked for.</summary>
    public double this[string name] => _readings.TryGetValue(name, out var reading) ? reading.Value : 0;

    /// <summary>The metric's reading, or one of 0 with no data points.</summary>
    public MetricReading Get(string name) => _readings.TryGetValue(name, out var reading) ? reading : new MetricReading(name, 0, 0);
}
