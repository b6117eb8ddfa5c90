using System.Runtime.InteropServices;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// Entries per minute (keyed by the UTC ticks of the minute's start) for a timeline, bounded like the per-key tallies
/// (<see cref="ByteKeyMap{TValue}"/>): an object's minutes are few (ALB writes one per node every five minutes), but a
/// hostile one can spread its entries over years, one minute each. At <c>capacity</c> minutes the lightest half (the
/// earliest first among equals) is folded into an others tally: the heaviest minutes, the peaks a timeline is read
/// for, stay exact, nothing is lost from the totals, and a minute first counted after a fold is marked approximate
/// (its count is a lower bound: some of its entries may be in the others tally).
/// </summary>
internal sealed class MinuteCounts
{
    private readonly int _capacity;
    private readonly Dictionary<long, (long Count, bool Approximate)> _minutes = [];

    /// <param name="capacity">The most minutes held at once (at least 2).</param>
    public MinuteCounts(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
    }

    /// <summary>Minutes held one by one.</summary>
    public int Count => _minutes.Count;

    /// <summary>How many times a minute was folded into the others tally (a minute folded twice counts twice).</summary>
    public long Folded { get; private set; }

    /// <summary>The entries of the minutes folded away.</summary>
    public long FoldedEntries { get; private set; }

    /// <summary>What was folded away: minutes (folds) and their entries.</summary>
    public UntrackedTally Untracked => Folded == 0 ? UntrackedTally.None : new UntrackedTally(Folded, FoldedEntries, 0);

    public void Add(long minute, long count = 1, bool approximate = false)
    {
        ref var tally = ref CollectionsMarshal.GetValueRefOrNullRef(_minutes, minute);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref tally))
        {
            tally = (tally.Count + count, tally.Approximate | approximate);
            return;
        }
        if (_minutes.Count >= _capacity) FoldLightestHalf();
        _minutes[minute] = (count, approximate || Folded > 0);
    }

    /// <summary>Adds another object's minutes, and what it folded, to these.</summary>
    public void Merge(MinuteCounts other)
    {
        foreach (var (minute, (count, approximate)) in other._minutes) Add(minute, count, approximate);
        Folded += other.Folded;
        FoldedEntries += other.FoldedEntries;
    }

    /// <summary>The minutes in time order.</summary>
    public MinuteCount[] ToTimeline() =>
        _minutes.OrderBy(kv => kv.Key)
            .Select(kv => new MinuteCount(new DateTimeOffset(kv.Key, TimeSpan.Zero), kv.Value.Count) { Approximate = kv.Value.Approximate })
            .ToArray();

    private void FoldLightestHalf()
    {
        var folded = _minutes.OrderBy(kv => kv.Value.Count).ThenBy(kv => kv.Key).Take(_minutes.Count / 2).ToArray();
        foreach (var (minute, (count, _)) in folded)
        {
            _minutes.Remove(minute);
            FoldedEntries += count;
            Folded++;
        }
    }
}
