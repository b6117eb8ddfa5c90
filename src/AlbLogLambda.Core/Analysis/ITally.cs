namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// One key's counts in a bounded <see cref="ByteKeyMap{TValue}"/>: how heavy it is (the lightest are folded into an
/// "others" tally when the map is full), and whether its counts may miss entries.
/// </summary>
internal interface ITally<TSelf> where TSelf : class, ITally<TSelf>
{
    /// <summary>What the map keeps: the heavier tallies survive when the lightest half is folded away.</summary>
    long Weight { get; }

    /// <summary>
    /// Set when the key was first counted after the map had folded keys away: some of its entries may have been
    /// counted into the others tally before, so its counts are lower bounds.
    /// </summary>
    bool Approximate { get; set; }

    /// <summary>Adds a folded-away key's counts to this others tally.</summary>
    void Absorb(TSelf evicted);

    /// <summary>
    /// Makes a folded-away tally (already absorbed) the empty tally of a new key: with many distinct keys, the map
    /// reuses the tallies it folds instead of leaving them to the collector, which would let them pile up in memory.
    /// </summary>
    void Recycle(byte[] key);

    /// <summary>An empty others tally.</summary>
    static abstract TSelf CreateOthers();
}
