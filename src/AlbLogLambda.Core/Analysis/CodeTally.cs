namespace AlbLogLambda.Core.Analysis;

/// <summary>How many entries of a cause showed one code (see <see cref="CodeCounts"/>).</summary>
internal sealed class CodeTally : ITally<CodeTally>
{
    public long Count;

    public long Weight => Count;

    public bool Approximate { get; set; }

    public static CodeTally CreateOthers() => new();

    public void Absorb(CodeTally evicted) => Count += evicted.Count;

    public void Recycle(byte[] key)
    {
        Count = 0;
        Approximate = false;
    }
}
