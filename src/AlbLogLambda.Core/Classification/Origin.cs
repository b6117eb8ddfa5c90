namespace AlbLogLambda.Core.Classification;

/// <summary>Who generated a 502 (Knowledge Center rule: 502 with target status 502 is the target's).</summary>
public enum Origin
{
    LoadBalancer,
    Target,
}
