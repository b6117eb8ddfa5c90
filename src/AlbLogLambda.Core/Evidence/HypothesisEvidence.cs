using System.Globalization;

namespace AlbLogLambda.Core.Evidence;

/// <summary>What the target group's configuration and metrics settle about the hypotheses on a cause. Pure.</summary>
public static class HypothesisEvidence
{
    /// <summary>
    /// The TLS handshake hypothesis: high confidence when the target group is HTTPS and TLS negotiations failed in the
    /// window; ruled out for an HTTP target group (no TLS to the target); undecided otherwise.
    /// </summary>
    /// <param name="protocol">The target group's protocol (HTTP or HTTPS); null when unknown.</param>
    /// <param name="tlsNegotiationErrors">TargetTLSNegotiationErrorCount for the target group over the window.</param>
    public static TlsHandshakeFinding TlsHandshake(string? protocol, EvidencePart<double> tlsNegotiationErrors)
    {
        ArgumentNullException.ThrowIfNull(tlsNegotiationErrors);
        if (string.Equals(protocol, "HTTP", StringComparison.OrdinalIgnoreCase))
        {
            return TlsHandshakeFinding.RuledOut;
        }

        return string.Equals(protocol, "HTTPS", StringComparison.OrdinalIgnoreCase) && tlsNegotiationErrors is { IsAvailable: true, Value: > 0 }
            ? TlsHandshakeFinding.HighConfidence
            : TlsHandshakeFinding.Undecided;
    }

    /// <summary>The keep-alive remedy with the load balancer's actual idle timeout: "idle timeout 60 s: set the target's keep-alive above 60 s".</summary>
    public static string KeepAliveRemedy(int idleTimeoutSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"idle timeout {idleTimeoutSeconds} s: set the target's keep-alive above {idleTimeoutSeconds} s");

    /// <summary>
    /// The long-request hypothesis against the deregistration delay: a request that ran at least as long as the delay
    /// could have been cut by a deregistration; a shorter one was not (a timeout on the target is the likelier cut).
    /// </summary>
    /// <param name="longestTargetProcessingSeconds">The longest target_processing_time among the cut requests.</param>
    /// <param name="deregistrationDelaySeconds">The target group's deregistration_delay.timeout_seconds.</param>
    public static LongRequestFinding LongRequestCut(double longestTargetProcessingSeconds, int deregistrationDelaySeconds) =>
        longestTargetProcessingSeconds >= deregistrationDelaySeconds ? LongRequestFinding.OutlastedDeregistrationDelay : LongRequestFinding.WithinDeregistrationDelay;
}
