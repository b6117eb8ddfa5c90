using System.Text;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Classification;

/// <summary>
/// Tags a 502 entry with its origin and one cause of the catalog, from the line alone (docs/causes.md).
/// The hypotheses that need the whole window (target-down vs intermittent) are settled by the summary.
/// </summary>
public sealed class Http502Classifier
{
    /// <summary>From this target time on, the request was cut off (deregistration or target timeout).</summary>
    public const double LongRequestSeconds = 30.0;

    /// <summary>
    /// From this elapsed time (time - request_creation_time) on, a failed connection is the TLS handshake timeout
    /// (about 10 s); a refused or unreachable target fails within milliseconds.
    /// </summary>
    public const double HandshakeTimeoutSeconds = 9.5;

    private readonly byte[][] _httpsTargetGroups;

    /// <param name="httpsTargetGroups">Target group names or ARNs known to speak HTTPS to their targets.</param>
    public Http502Classifier(IEnumerable<string>? httpsTargetGroups = null)
    {
        _httpsTargetGroups = (httpsTargetGroups ?? [])
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .Select(Encoding.UTF8.GetBytes)
            .ToArray();
    }

    public Http502Classification Classify(in AlbLogRecord entry)
    {
        double rpt = AlbFieldValues.Seconds(entry.RequestProcessingTime);
        double tpt = AlbFieldValues.Seconds(entry.TargetProcessingTime);
        double rspt = AlbFieldValues.Seconds(entry.ResponseProcessingTime);

        Http502Classification Verdict(Http502Cause cause, Hypothesis hypothesis = Hypothesis.None) =>
            new(cause, cause == Http502Cause.TargetReturned502 ? Origin.Target : Origin.LoadBalancer, hypothesis, rpt, tpt, rspt);

        // The rules in the order of docs/causes.md: what the line names outright first, then its shape.
        if (AlbFieldValues.HasAction(entry.ActionsExecuted, "fixed-response"u8)) return Verdict(Http502Cause.FixedResponse);
        if (entry.TargetStatusCode == 502) return Verdict(Http502Cause.TargetReturned502);

        var reason = entry.ErrorReason;
        if (!reason.IsEmpty)
        {
            if (!reason.StartsWith("Lambda"u8)) return Verdict(Http502Cause.LoadBalancerOther);
            if (reason.SequenceEqual("LambdaResponseTooLarge"u8)) return Verdict(Http502Cause.LambdaResponseTooLarge);
            if (reason.SequenceEqual("LambdaUnhandled"u8)) return Verdict(Http502Cause.LambdaUnhandled);
            if (reason.SequenceEqual("LambdaThrottling"u8)) return Verdict(Http502Cause.LambdaThrottled);
            if (reason.SequenceEqual("LambdaInvalidResponse"u8)) return Verdict(Http502Cause.LambdaInvalidResponse);
            return Verdict(ErrorReasonCatalog.IsLambdaInternal502(reason) ? Http502Cause.LambdaInternalError : Http502Cause.LambdaError);
        }

        if (entry.Target.IsEmpty) return Verdict(Http502Cause.LoadBalancerOther);
        // The target answered with another status and the load balancer still sent 502: it rejected the response.
        if (entry.TargetStatusCode >= 0) return Verdict(Http502Cause.TargetResponseInvalid);

        bool rptFailed = AlbFieldValues.IsMinusOne(rpt), tptFailed = AlbFieldValues.IsMinusOne(tpt), rsptFailed = AlbFieldValues.IsMinusOne(rspt);
        if (rptFailed && tptFailed && rsptFailed)
        {
            // Whether it was refused, unreachable or a TLS failure is settled over the window (ReportBuilder); only the
            // elapsed time tells the handshake timeout from the line alone.
            var hypothesis = ElapsedSeconds(entry) >= HandshakeTimeoutSeconds ? Hypothesis.TlsHandshakeTimeout
                : SpeaksHttps(entry) ? Hypothesis.TlsHandshake
                : Hypothesis.None;
            return Verdict(Http502Cause.TargetConnectionFailed, hypothesis);
        }
        if (rsptFailed && rpt >= 0 && (tpt >= 0 || tptFailed))
        {
            // Sent, and no usable answer. A long target time is a request cut off; the rest starts as the keep-alive
            // race the Knowledge Center names first, and the window may point elsewhere (ReportBuilder).
            return Verdict(Http502Cause.TargetClosedConnection, tpt >= LongRequestSeconds ? Hypothesis.LongRequestCut : Hypothesis.KeepAliveRace);
        }
        // All three measured: the target's response arrived and was rejected.
        if (rpt >= 0 && tpt >= 0 && rspt >= 0) return Verdict(Http502Cause.TargetResponseInvalid);
        return Verdict(Http502Cause.LoadBalancerOther);
    }

    /// <summary><c>time - request_creation_time</c> in seconds; NaN when either is missing.</summary>
    public static double ElapsedSeconds(in AlbLogRecord entry) =>
        AlbFieldValues.TryParseTime(entry.Time, out var time) && AlbFieldValues.TryParseTime(entry.RequestCreationTime, out var created)
            ? (time - created).TotalSeconds
            : double.NaN;

    /// <summary>True when the target listens on 443 or its target group is configured as HTTPS.</summary>
    public bool SpeaksHttps(in AlbLogRecord entry) =>
        AlbFieldValues.Port(entry.Target) == 443 || IsConfiguredHttps(entry.TargetGroupArn);

    /// <summary>True when the target group (by ARN or by the name inside it) is in the configured HTTPS list.</summary>
    public bool IsConfiguredHttps(ReadOnlySpan<byte> targetGroupArn)
    {
        if (_httpsTargetGroups.Length == 0 || targetGroupArn.IsEmpty) return false;
        var name = TargetGroupName(targetGroupArn);
        foreach (var configured in _httpsTargetGroups)
        {
            if (targetGroupArn.SequenceEqual(configured) || name.SequenceEqual(configured)) return true;
        }
        return false;
    }

    /// <summary>The NAME of <c>arn:...:targetgroup/NAME/ID</c>; the whole value when it is not such an ARN.</summary>
    public static ReadOnlySpan<byte> TargetGroupName(ReadOnlySpan<byte> arn)
    {
        int marker = arn.IndexOf("targetgroup/"u8);
        if (marker < 0) return arn;
        var rest = arn[(marker + "targetgroup/".Length)..];
        int slash = rest.IndexOf((byte)'/');
        return slash < 0 ? rest : rest[..slash];
    }
}
