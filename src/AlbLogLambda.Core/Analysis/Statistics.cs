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

/// <summary>
/// Counts of the code each entry of a cause shows (its error_reason, else its target status, else "-"). Looked up by
/// span so that counting allocates only for a code seen for the first time; past <see cref="MaxCodes"/> distinct codes
/// the rest are counted under <see cref="OtherCodes"/>, so that a log full of invented codes cannot grow it.
/// </summary>
internal sealed class CodeCounts
{
    public const int MaxCodes = 64;
    public const string OtherCodes = "(other codes)";

    private static readonly byte[] s_other = System.Text.Encoding.UTF8.GetBytes(OtherCodes);
    private readonly List<(byte[] Code, long Count)> _counts = [];

    public void Add(ReadOnlySpan<byte> code, long count = 1)
    {
        var entries = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_counts);
        for (int i = 0; i < entries.Length; i++)
        {
            if (code.SequenceEqual(entries[i].Code))
            {
                entries[i].Count += count;
                return;
            }
        }
        if (_counts.Count < MaxCodes || code.SequenceEqual(s_other)) _counts.Add((code.ToArray(), count));
        else Add(s_other, count);
    }

    public void Merge(CodeCounts other)
    {
        foreach (var (code, count) in other._counts) Add(code, count);
    }

    public IReadOnlyList<CodeCount> Ranked() =>
        _counts.Select(c => new CodeCount(System.Text.Encoding.UTF8.GetString(c.Code), c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToArray();
}
