namespace AlbLogLambda.Evidence;

/// <summary>
/// Configuration answers kept for a short while per process, so that a warm function asks ELBv2 once per target group
/// every few minutes rather than on every batch. Only answers are kept; failures are asked again next time.
/// </summary>
internal sealed class ConfigurationCache
{
    private readonly Dictionary<string, (DateTimeOffset Expires, object Value)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public ConfigurationCache(TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _lifetime = lifetime;
        _time = time;
    }

    /// <summary>The cached value of <paramref name="key"/> while it is fresh; otherwise <paramref name="fetch"/>'s, then cached.</summary>
    public async Task<T> GetOrFetchAsync<T>(string key, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(fetch);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > _time.GetUtcNow() && entry.Value is T cached)
            {
                return cached;
            }
        }

        var value = await fetch(cancellationToken);
        if (_lifetime > TimeSpan.Zero)
        {
            lock (_gate)
            {
                _entries[key] = (_time.GetUtcNow() + _lifetime, value);
            }
        }

        return value;
    }
}
