using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// A hash map keyed by UTF-8 bytes, looked up by span: counting per target on every line allocates
/// only when a key is seen for the first time.
/// </summary>
/// <remarks>
/// Bounded: at <c>capacity</c> keys, the lightest half (by <see cref="ITally{TSelf}.Weight"/>, the oldest first among
/// equals) is folded into one others tally, so memory stays flat however many distinct keys an object holds. A
/// heavy hitter survives every fold; keys counted after the first fold are marked approximate. Folding costs a sort
/// of the weights once per capacity/2 new keys; a lookup of a known key is unchanged.
/// </remarks>
internal sealed class ByteKeyMap<TValue> where TValue : class, ITally<TValue>
{
    private readonly int _capacity;
    private int[] _buckets = new int[16];
    private Entry[] _entries = new Entry[16];
    private int _count;
    private long[]? _weights;
    private readonly Stack<TValue> _folded = new();
    // The key arrays of folded keys, by length, for new keys of the same length (a few lengths cover most keys).
    private readonly Dictionary<int, Stack<byte[]>> _foldedKeys = [];
    private int _foldedKeyCount;

    /// <param name="capacity">The most keys held at once (at least 2).</param>
    public ByteKeyMap(int capacity = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
    }

    /// <summary>The counts of every key folded away, or null while none was.</summary>
    public TValue? Others { get; private set; }

    /// <summary>How many times a key was folded into <see cref="Others"/> (a key folded twice counts twice).</summary>
    public long Evicted { get; private set; }

    private struct Entry
    {
        public int Hash;
        public int Next;
        public byte[] Key;
        public TValue Value;
    }

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TValue GetOrAdd(ReadOnlySpan<byte> key, Func<byte[], TValue> create)
    {
        int hash = Hash(key);
        int i = IndexOf(key, hash);
        if (i >= 0) return _entries[i].Value;
        if (_count >= _capacity) FoldLightestHalf();
        var keyBytes = RentKey(key);
        TValue value;
        if (_folded.TryPop(out var recycled))
        {
            recycled.Recycle(keyBytes);
            value = recycled;
        }
        else
        {
            value = create(keyBytes);
        }
        if (Evicted > 0) value.Approximate = true;
        Add(hash, keyBytes, value);
        return value;
    }

    /// <summary>Adds another map's others tally to this one's (when merging an object into a session).</summary>
    public void AbsorbOthers(ByteKeyMap<TValue> other)
    {
        if (other.Others is null) return;
        (Others ??= TValue.CreateOthers()).Absorb(other.Others);
        Evicted += other.Evicted;
    }

    private byte[] RentKey(ReadOnlySpan<byte> key)
    {
        if (_foldedKeyCount > 0 && _foldedKeys.TryGetValue(key.Length, out var keys) && keys.TryPop(out var reused))
        {
            _foldedKeyCount--;
            key.CopyTo(reused);
            return reused;
        }
        return key.ToArray();
    }

    private void ReturnKey(byte[] key)
    {
        if (_foldedKeyCount >= _capacity) return;
        if (!_foldedKeys.TryGetValue(key.Length, out var keys)) _foldedKeys[key.Length] = keys = new Stack<byte[]>();
        keys.Push(key);
        _foldedKeyCount++;
    }

    private void FoldLightestHalf()
    {
        _weights ??= new long[_capacity];
        for (int i = 0; i < _count; i++) _weights[i] = _entries[i].Value.Weight;
        var weights = _weights.AsSpan(0, _count);
        weights.Sort();
        int toFold = _count / 2;
        long threshold = weights[toFold - 1];
        // Everything lighter than the threshold goes, then the oldest of those at the threshold until half is gone.
        int atThreshold = toFold;
        for (int i = 0; i < toFold; i++)
        {
            if (weights[i] < threshold) atThreshold--;
        }
        var others = Others ??= TValue.CreateOthers();
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            ref var entry = ref _entries[i];
            long weight = entry.Value.Weight;
            bool fold = weight < threshold || (weight == threshold && atThreshold-- > 0);
            if (fold)
            {
                others.Absorb(entry.Value);
                _folded.Push(entry.Value);
                ReturnKey(entry.Key);
                Evicted++;
            }
            else
            {
                _entries[kept++] = entry;
            }
        }
        Array.Clear(_entries, kept, _count - kept);
        _count = kept;
        Array.Clear(_buckets);
        for (int i = 0; i < _count; i++)
        {
            ref int bucket = ref _buckets[_entries[i].Hash & (_buckets.Length - 1)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    public TValue? Find(ReadOnlySpan<byte> key)
    {
        int i = IndexOf(key, Hash(key));
        return i >= 0 ? _entries[i].Value : null;
    }

    private int IndexOf(ReadOnlySpan<byte> key, int hash)
    {
        int i = _buckets[hash & (_buckets.Length - 1)] - 1;
        while (i >= 0)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && key.SequenceEqual(entry.Key)) return i;
            i = entry.Next;
        }
        return -1;
    }

    public IEnumerable<KeyValuePair<byte[], TValue>> Items
    {
        get
        {
            for (int i = 0; i < _count; i++) yield return new(_entries[i].Key, _entries[i].Value);
        }
    }

    private void Add(int hash, byte[] key, TValue value)
    {
        if (_count == _entries.Length) Grow();
        ref int bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry { Hash = hash, Next = bucket - 1, Key = key, Value = value };
        bucket = ++_count;
    }

    private void Grow()
    {
        Array.Resize(ref _entries, _entries.Length * 2);
        _buckets = new int[_entries.Length];
        for (int i = 0; i < _count; i++)
        {
            ref int bucket = ref _buckets[_entries[i].Hash & (_buckets.Length - 1)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        // FNV-1a over 4-byte words: keys are short (ip:port, ARNs), so this beats a general-purpose hash.
        uint hash = 2166136261;
        while (key.Length >= 4)
        {
            hash = (hash ^ MemoryMarshal.Read<uint>(key)) * 16777619;
            key = key[4..];
        }
        foreach (byte b in key) hash = (hash ^ b) * 16777619;
        return (int)(hash ^ (hash >> 15));
    }
}
