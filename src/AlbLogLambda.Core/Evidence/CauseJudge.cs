using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// Judges a cause against the metrics: which metric each cause predicts, which ones would point elsewhere, and the
/// verdict their values give. Pure: plain cause ids and counts in, a <see cref="CauseConfirmation"/> out.
/// </summary>
/// <remarks>
/// The rules, for each cause: <b>confirmed</b> when a predicted metric is above zero; otherwise <b>unavailable</b>
/// when a predicted metric is missing (its reason given); otherwise <b>contradicted</b> when an alternative metric
/// is above zero (it points to another cause); otherwise <b>unconfirmed</b>. A cause with a fallback (a weaker
/// metric) uses it only when every predicted metric is missing. docs/confirmation.md lists the table.
/// </remarks>
public static class CauseJudge
{
    private static readonly Dictionary<string, CauseRule> s_rules = BuildRules();

    /// <summary>The cause ids that have a rule: every cause of the catalog.</summary>
    public static IReadOnlyCollection<string> JudgedCauses => s_rules.Keys;

    /// <summary>The metrics <paramref name="causeId"/> predicts (the ones that confirm it); empty for an unknown id.</summary>
    public static IReadOnlyList<string> PredictedMetrics(string causeId) =>
        s_rules.TryGetValue(causeId, out var rule) ? rule.Predicted : [];

    /// <summary>The verdict on <paramref name="causeId"/> given the counts over the window.</summary>
    public static CauseConfirmation Judge(string causeId, MetricCounts counts)
    {
        ArgumentNullException.ThrowIfNull(causeId);
        ArgumentNullException.ThrowIfNull(counts);
        if (!s_rules.TryGetValue(causeId, out var rule))
        {
            return new CauseConfirmation(
                causeId, ConfirmationVerdict.Unavailable, [], new Unavailable(UnavailableReason.NotAsked, $"no metric confirms cause '{causeId}'"));
        }

        var predicted = rule.Predicted.Select(name => (Name: name, Value: counts.Get(name))).ToList();
        var consulted = new List<ConsultedMetric>();
        Consult(predicted);

        // A fallback counts only when none of the predicted metrics could be had.
        if (predicted.All(p => !p.Value.IsAvailable) && rule.Fallback.Length > 0)
        {
            var fallback = rule.Fallback.Select(name => (Name: name, Value: counts.Get(name))).ToList();
            Consult(fallback);
            predicted = fallback;
        }

        var alternatives = rule.Alternatives.Select(a => (a.Metric, a.PointsTo, Value: counts.Get(a.Metric))).ToList();
        foreach (var name in rule.Alternatives.Select(a => a.Metric).Concat(rule.Context))
        {
            Consult([(name, counts.Get(name))]);
        }

        if (predicted.Any(p => p.Value.IsAvailable && p.Value.Value > 0))
        {
            return new CauseConfirmation(causeId, ConfirmationVerdict.Confirmed, consulted, null);
        }

        if (predicted.FirstOrDefault(p => !p.Value.IsAvailable) is { Name: not null } missing)
        {
            return new CauseConfirmation(causeId, ConfirmationVerdict.Unavailable, consulted, missing.Value.Missing);
        }

        if (alternatives.FirstOrDefault(a => a.Value.IsAvailable && a.Value.Value > 0) is { Metric: not null } other)
        {
            return new CauseConfirmation(causeId, ConfirmationVerdict.Contradicted, consulted, null)
            {
                ContradictingMetric = other.Metric,
                PointsTo = other.PointsTo,
            };
        }

        return new CauseConfirmation(causeId, ConfirmationVerdict.Unconfirmed, consulted, null);

        void Consult(IEnumerable<(string Name, EvidencePart<double> Value)> metrics)
        {
            foreach (var (name, value) in metrics)
            {
                if (consulted.TrueForAll(c => c.Name != name))
                {
                    consulted.Add(new ConsultedMetric(name, value.IsAvailable ? value.Value : null, value.Missing));
                }
            }
        }
    }

    private static Dictionary<string, CauseRule> BuildRules()
    {
        const string elb502 = EvidenceMetrics.Elb502Count;
        const string connection = EvidenceMetrics.TargetConnectionErrorCount;
        const string tls = EvidenceMetrics.TargetTlsNegotiationErrorCount;
        const string user = EvidenceMetrics.LambdaUserError;
        const string internalError = EvidenceMetrics.LambdaInternalError;
        var internalPoints = (internalError, CauseCatalog.Id(Http502Cause.LambdaInternalError));
        var tlsHandshake = CauseCatalog.Id(Hypothesis.TlsHandshake);
        var userPoints = (user, CauseCatalog.Id(Http502Cause.LambdaError));

        CauseRule[] rules =
        [
            // The log cannot tell a refused or unreachable target from a failed TLS handshake; the metrics count
            // them apart (TargetConnectionErrorCount, TargetTLSNegotiationErrorCount).
            new(CauseCatalog.Id(Http502Cause.TargetConnectionFailed), [connection], [], [(tls, tlsHandshake)], [elb502]),
            // The target was reached, so no connection error; the load balancer's own 502 count is what is left.
            new(CauseCatalog.Id(Http502Cause.TargetClosedConnection), [elb502], [], [], [connection]),
            new(CauseCatalog.Id(Http502Cause.TargetResponseInvalid), [elb502], [], [], [connection]),
            new(CauseCatalog.Id(Http502Cause.LambdaResponseTooLarge), [user], [], [internalPoints], []),
            // The function's own Errors count its unhandled exceptions and timeouts; LambdaUserError when they are missing.
            new(CauseCatalog.Id(Http502Cause.LambdaUnhandled), [EvidenceMetrics.Errors], [user],
                [(EvidenceMetrics.Throttles, CauseCatalog.Id(Http502Cause.LambdaThrottled)), internalPoints], [EvidenceMetrics.MaxDuration]),
            new(CauseCatalog.Id(Http502Cause.LambdaThrottled), [EvidenceMetrics.Throttles], [user],
                [(EvidenceMetrics.Errors, CauseCatalog.Id(Http502Cause.LambdaUnhandled)), internalPoints], []),
            new(CauseCatalog.Id(Http502Cause.LambdaInvalidResponse), [user], [], [internalPoints], []),
            // The other Lambda codes split between the two counts (the AWS-side ones are in LambdaInternalError).
            new(CauseCatalog.Id(Http502Cause.LambdaError), [user, internalError], [], [], []),
            new(CauseCatalog.Id(Http502Cause.LambdaInternalError), [internalError], [], [userPoints], []),
            new(CauseCatalog.Id(Http502Cause.FixedResponse), [EvidenceMetrics.FixedResponseCount], [], [], []),
            new(CauseCatalog.Id(Http502Cause.LoadBalancerOther), [elb502], [], [], []),
            // Targets' 502s count among all their 5xx; the load balancer's 502 count does not include them.
            new(CauseCatalog.Id(Http502Cause.TargetReturned502), [EvidenceMetrics.Target5xxCount], [], [], []),
        ];
        return rules.ToDictionary(r => r.CauseId, StringComparer.Ordinal);
    }

    /// <param name="CauseId">The cause.</param>
    /// <param name="Predicted">Metrics that confirm it when above zero.</param>
    /// <param name="Fallback">Weaker metrics that confirm it when every predicted one is missing.</param>
    /// <param name="Alternatives">Metrics that, above zero while the predicted ones are zero, point to another cause.</param>
    /// <param name="Context">Metrics shown beside the verdict without deciding it.</param>
    private sealed record CauseRule(
        string CauseId,
        string[] Predicted,
        string[] Fallback,
        (string Metric, string? PointsTo)[] Alternatives,
        string[] Context);
}
