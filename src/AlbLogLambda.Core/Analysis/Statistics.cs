using System.Runtime.CompilerServices;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Min, mean and max of a series of seconds, kept in constant space.</summary>
internal sealed class RunningSeconds
{
    public long Count { get; private set; }
    public double Min { get; private set; } = double.MaxValue;
    public double Max { get; private set; } = double.MinValue;
    public double Sum { get; private set; }

    public void Add(double value)
    {
        if (double.IsNaN(value)) return;
        Count++;
        Sum += value;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    public void Merge(RunningSeconds other)
    {
        if (other.Count == 0) return;
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public TimingSummary? ToSummary() => Count == 0 ? null : new TimingSummary(Count, Min, Sum / Count, Max);
}

/// <summary>First and last time seen, compared as ISO 8601 text (ALB writes one fixed format).</summary>
internal sealed class TimeRange
{
    private byte[]? _first;
    private byte[]? _last;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> time)
    {
        if (time.IsEmpty) return;
        if (_first is null || time.SequenceCompareTo(_first) < 0) _first = time.ToArray();
        if (_last is null || time.SequenceCompareTo(_last) > 0) _last = time.ToArray();
    }

    public void Merge(TimeRange other)
    {
        if (other._first is not null) Add(other._first);
        if (other._last is not null) Add(other._last);
    }

    public DateTimeOffset? First => Parse(_first);

    public DateTimeOffset? Last => Parse(_last);

    private static DateTimeOffset? Parse(byte[]? time) =>
        time is not null && Parsing.AlbFieldValues.TryParseTime(time, out var value) ? value : null;
}

/// <summary>Counts of error_reason codes or target status codes kept as evidence.</summary>
internal sealed class CodeCounts
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string code, long count = 1) =>
        _counts[code] = _counts.GetValueOrDefault(code) + count;

    public void Merge(CodeCounts other)
    {
        foreach (var (code, count) in other._counts) Add(code, count);
    }

    public IReadOnlyList<CodeCount> Ranked() =>
        _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new CodeCount(kv.Key, kv.Value)).ToArray();
}
