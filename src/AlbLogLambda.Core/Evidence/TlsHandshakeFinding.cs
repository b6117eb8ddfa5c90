namespace AlbLogLambda.Core.Evidence;

/// <summary>What the configuration and metrics say about the TLS handshake hypothesis.</summary>
public enum TlsHandshakeFinding
{
    /// <summary>Protocol unknown, or HTTPS without failed TLS negotiations (or their count missing): confidence unchanged.</summary>
    Undecided,

    /// <summary>HTTPS target group and TargetTLSNegotiationErrorCount above zero.</summary>
    HighConfidence,

    /// <summary>HTTP target group: the load balancer does not speak TLS to it.</summary>
    RuledOut,
}
