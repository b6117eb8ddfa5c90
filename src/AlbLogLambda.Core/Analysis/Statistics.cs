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

/// <summary>
/// Counts of the code each entry of a cause shows (its error_reason, else its target status, else "-"). Looked up by
/// span so that counting allocates only for a code seen for the first time. Bounded like the per-key tallies: at
/// <see cref="MaxCodes"/> distinct codes the lightest half is folded into <see cref="OtherCodes"/>, so a log full of
/// invented codes cannot grow it, the codes that matter (the heavy ones) stay exact, and a code first counted after
/// a fold is marked approximate.
/// </summary>
internal sealed class CodeCounts
{
    /// <summary>
    /// Real causes show a handful of codes (a few error_reason values, a few target statuses); 64 leaves room for all
    /// of them and keeps a cause's codes to a few KB whatever an object holds.
    /// </summary>
    public const int MaxCodes = 64;

    public const string OtherCodes = "(other codes)";

    private readonly ByteKeyMap<CodeTally> _codes = new(MaxCodes);

    public void Add(ReadOnlySpan<byte> code, long count = 1) => _codes.GetOrAdd(code, static _ => new CodeTally()).Count += count;

    public void Merge(CodeCounts other)
    {
        foreach (var (code, tally) in other._codes.Items)
        {
            var mine = _codes.GetOrAdd(code, static _ => new CodeTally());
            mine.Count += tally.Count;
            mine.Approximate |= tally.Approximate;
        }
        _codes.AbsorbOthers(other._codes);
    }

    /// <summary>What was folded into <see cref="OtherCodes"/>: codes (folds) and their entries.</summary>
    public UntrackedTally Untracked => _codes.Others is { } others ? new UntrackedTally(_codes.Evicted, others.Count, 0) : UntrackedTally.None;

    /// <summary>
    /// The codes, most entries first, with the folded ones as one <see cref="OtherCodes"/> entry (which a code of that
    /// very text in a log joins), so that the counts still add up to the cause's.
    /// </summary>
    public IReadOnlyList<CodeCount> Ranked()
    {
        var codes = _codes.Items.Select(c => new CodeCount(System.Text.Encoding.UTF8.GetString(c.Key), c.Value.Count) { Approximate = c.Value.Approximate })
            .Where(c => c.Code != OtherCodes || _codes.Others is null)
            .ToList();
        if (_codes.Others is { } others)
        {
            long literal = _codes.Find(System.Text.Encoding.UTF8.GetBytes(OtherCodes))?.Count ?? 0;
            codes.Add(new CodeCount(OtherCodes, others.Count + literal));
        }
        return codes.OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToArray();
    }
}
