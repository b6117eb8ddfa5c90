namespace AlbLogLambda.Core.Evidence;

/// <summary>What the load balancer's configuration did to a hypothesis.</summary>
public enum HypothesisSettlement
{
    /// <summary>The configuration and metrics make it the lead, with high confidence.</summary>
    Raised,

    /// <summary>The configuration excludes it (for example TLS to an HTTP target group).</summary>
    RuledOut,

    /// <summary>It stands; its remedy or its test now quotes the actual setting.</summary>
    Refined,
}
