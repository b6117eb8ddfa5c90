using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// A hash map keyed by UTF-8 bytes, looked up by span: counting per target on every line allocates
/// only when a key is seen for the first time.
/// </summary>
internal sealed class ByteKeyMap<TValue> where TValue : class
{
    private int[] _buckets = new int[16];
    private Entry[] _entries = new Entry[16];
    private int _count;

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
        var keyBytes = key.ToArray();
        var value = create(keyBytes);
        Add(hash, keyBytes, value);
        return value;
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
