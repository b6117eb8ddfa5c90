namespace AlbLogLambda.Core.Analysis;

public sealed record CodeCount(string Code, long Count)
{
    /// <summary>True when the count is a lower bound: the code was first counted after others were folded away.</summary>
    public bool Approximate { get; init; }
}
