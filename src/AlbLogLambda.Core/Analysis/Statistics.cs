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
    // Times only grow through a log, so the last time changes on almost every line: it is copied into a
    // buffer kept for the purpose instead of allocated anew.
    private const int MaxLength = 40;
    private readonly byte[] _first = new byte[MaxLength];
    private readonly byte[] _last = new byte[MaxLength];
    private int _firstLength = -1;
    private int _lastLength = -1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> time)
    {
        if (time.IsEmpty || time.Length > MaxLength) return;
        if (_lastLength < 0)
        {
            time.CopyTo(_first);
            time.CopyTo(_last);
            _firstLength = _lastLength = time.Length;
        }
        else if (time.SequenceCompareTo(_last.AsSpan(0, _lastLength)) > 0)
        {
            // The common case, and then it cannot be before the first time: one comparison per line.
            time.CopyTo(_last);
            _lastLength = time.Length;
        }
        else if (time.SequenceCompareTo(_first.AsSpan(0, _firstLength)) < 0)
        {
            time.CopyTo(_first);
            _firstLength = time.Length;
        }
    }

    /// <summary>Back to no time at all (a tally reused for another key).</summary>
    public void Clear() => _firstLength = _lastLength = -1;

    public void Merge(TimeRange other)
    {
        if (other._firstLength >= 0) Add(other._first.AsSpan(0, other._firstLength));
        if (other._lastLength >= 0) Add(other._last.AsSpan(0, other._lastLength));
    }

    public DateTimeOffset? First => _firstLength < 0 ? null : Parse(_first.AsSpan(0, _firstLength));

    public DateTimeOffset? Last => _lastLength < 0 ? null : Parse(_last.AsSpan(0, _lastLength));

    private static DateTimeOffset? Parse(ReadOnlySpan<byte> time) =>
        Parsing.AlbFieldValues.TryParseTime(time, out var value) ? value : null;
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
