using System.Globalization;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Evidence;

/// <summary>
/// AWS's own evidence on one load balancer's report: each cause's verdict from CloudWatch, what the configuration
/// settles about the hypotheses, and how much of what CloudWatch counted the logs hold. Pure: built from the report
/// and the gathered evidence, never from AWS directly.
/// </summary>
/// <param name="LoadBalancer">The load balancer the figures are of, <c>app/name/id</c>.</param>
/// <param name="Causes">The verdict and its line per cause, in the report's order.</param>
/// <param name="Findings">What the target groups' configuration and the idle timeout settle, per cause and hypothesis.</param>
/// <param name="Coverage">The logs' 502s against CloudWatch's counts over the same minutes.</param>
/// <param name="Window">The minutes the figures cover.</param>
public sealed record ReportConfirmation(
    string LoadBalancer,
    IReadOnlyList<CauseVerdictLine> Causes,
    IReadOnlyList<HypothesisFinding> Findings,
    Coverage Coverage,
    EvidenceWindow Window)
{
    private static readonly string s_connectionFailed = CauseCatalog.Id(Http502Cause.TargetConnectionFailed);
    private static readonly string s_closedConnection = CauseCatalog.Id(Http502Cause.TargetClosedConnection);
    private static readonly string s_tlsHandshake = CauseCatalog.Id(Hypothesis.TlsHandshake);
    private static readonly string s_keepAlive = CauseCatalog.Id(Hypothesis.KeepAliveRace);
    private static readonly string s_longRequest = CauseCatalog.Id(Hypothesis.LongRequestCut);

    /// <summary>True when the report's top cause (fixed responses aside) is confirmed: the <c>confirmed</c> message attribute.</summary>
    public bool TopCauseConfirmed { get; init; }

    /// <summary>The lines a person reads under a cause: its verdict, then what the configuration settled.</summary>
    public IReadOnlyList<string> LinesFor(string causeId) =>
        [
            .. Causes.Where(c => c.CauseId == causeId).Select(c => "CloudWatch: " + c.Line),
            .. Findings.Where(f => f.CauseId == causeId).Select(f => f.Line),
        ];

    /// <summary>Judges every cause of <paramref name="report"/> against <paramref name="evidence"/> gathered for <paramref name="loadBalancer"/>.</summary>
    public static ReportConfirmation Of(AnalysisReport report, string loadBalancer, LoadBalancerEvidence evidence, EvidenceWindow window)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(loadBalancer);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(window);
        var counts = MetricCounts.ForLoadBalancer(evidence);
        var causes = report.Causes
            .Where(c => CauseJudge.JudgedCauses.Contains(c.Info.Id))
            .Select(c =>
            {
                var confirmation = CauseJudge.Judge(c.Info.Id, counts);
                return new CauseVerdictLine(c.Info.Id, confirmation, ConfirmationText.Line(confirmation, loadBalancer, window));
            })
            .ToArray();
        var coverage = Coverage.Compare(report.Http502.LoadBalancer, report.Http502.Target, counts);
        var top = report.TopCause?.Info.Id;
        return new ReportConfirmation(loadBalancer, causes, Settle(report, evidence, window), coverage, window)
        {
            TopCauseConfirmed = top is not null && causes.Any(c => c.CauseId == top && c.Confirmation.Verdict == ConfirmationVerdict.Confirmed),
        };
    }

    /// <summary>
    /// The report with its hypotheses as the configuration settled them: a raised hypothesis leads its cause with high
    /// confidence, a ruled-out one gives way to its alternative. Everything else is unchanged.
    /// </summary>
    public AnalysisReport ApplyTo(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Findings.All(f => f.Settlement == HypothesisSettlement.Refined)) return report;
        return report with { Causes = [.. report.Causes.Select(ApplyTo)] };
    }

    private CauseReport ApplyTo(CauseReport cause)
    {
        var hypotheses = cause.Hypotheses.ToList();
        foreach (var finding in Findings.Where(f => f.CauseId == cause.Info.Id))
        {
            int index = hypotheses.FindIndex(h => h.Info.Id == finding.HypothesisId);
            switch (finding.Settlement)
            {
                case HypothesisSettlement.Raised:
                    // The log splits connection failures by reachability (target-down, intermittent) because it cannot
                    // tell a refused connection from a failed handshake; the configuration can. Those entries, and a
                    // tls-handshake lead already there, become one TLS hypothesis; the heaviest reading stays as its
                    // alternative. A handshake timeout is told apart per line and stays as it is.
                    var merged = hypotheses.Where(h => h.Info.Hypothesis is Hypothesis.TlsHandshake or Hypothesis.TargetDown or Hypothesis.Intermittent).ToArray();
                    hypotheses.RemoveAll(h => merged.Contains(h));
                    var reading = merged.Where(h => h.Info.Hypothesis != Hypothesis.TlsHandshake).OrderByDescending(h => h.Count).FirstOrDefault();
                    long count = merged.Sum(h => h.Count);
                    var alternative = reading?.Info.Hypothesis ?? merged.FirstOrDefault()?.Alternative ?? Hypothesis.None;
                    if (count > 0) hypotheses.Insert(0, new HypothesisReport(CauseCatalog.Get(Hypothesis.TlsHandshake), count, Confidence.High, alternative));
                    break;
                case HypothesisSettlement.RuledOut when index >= 0:
                    var ruledOut = hypotheses[index];
                    hypotheses.RemoveAt(index);
                    if (ruledOut.Alternative == Hypothesis.None) break;
                    int existing = hypotheses.FindIndex(h => h.Info.Hypothesis == ruledOut.Alternative);
                    if (existing >= 0)
                    {
                        hypotheses[existing] = hypotheses[existing] with { Count = hypotheses[existing].Count + ruledOut.Count };
                    }
                    else
                    {
                        var info = CauseCatalog.Get(ruledOut.Alternative);
                        hypotheses.Insert(Math.Min(index, hypotheses.Count), new HypothesisReport(info, ruledOut.Count, info.Confidence, Hypothesis.None));
                    }
                    break;
            }
        }
        return cause with { Hypotheses = hypotheses };
    }

    /// <summary>What the target groups' protocol and TLS failures, the idle timeout and the deregistration delays settle.</summary>
    private static List<HypothesisFinding> Settle(AnalysisReport report, LoadBalancerEvidence evidence, EvidenceWindow window)
    {
        var findings = new List<HypothesisFinding>();
        var span = ConfirmationText.Window(window);
        var groups = evidence.TargetGroups.Where(g => g.Configuration.IsAvailable).ToArray();

        if (report.Causes.FirstOrDefault(c => c.Info.Id == s_connectionFailed) is { } connection)
        {
            // Only the target groups of the failing targets speak for them; each must have been read, or nothing is settled.
            var arns = GroupsOf(report, connection, evidence);
            var read = arns.Select(arn => evidence.TargetGroup(arn)).ToArray();
            if (read.Length > 0 && read.All(g => g is { Configuration.IsAvailable: true }))
            {
                var groupFindings = read.Select(g =>
                {
                    var tlsErrors = MetricCounts.ForTargetGroup(evidence, g!.TargetGroupArn).Get(EvidenceMetrics.TargetTlsNegotiationErrorCount);
                    return (Group: g, TlsErrors: tlsErrors, Finding: HypothesisEvidence.TlsHandshake(g.Configuration.Value!.Protocol, tlsErrors));
                }).ToArray();
                var names = string.Join(", ", groupFindings.Select(t => t.Group.Configuration.Value!.Name));
                if (groupFindings.All(t => t.Group.Configuration.Value!.IsHttps) && groupFindings.Any(t => t.Finding == TlsHandshakeFinding.HighConfidence))
                {
                    var failures = groupFindings.Sum(t => t.TlsErrors.IsAvailable ? t.TlsErrors.Value : 0);
                    findings.Add(new HypothesisFinding(s_connectionFailed, s_tlsHandshake, HypothesisSettlement.Raised, string.Create(
                        CultureInfo.InvariantCulture,
                        $"tls-handshake, high confidence: target group {names} speaks HTTPS to its targets and {EvidenceMetrics.TargetTlsNegotiationErrorCount} is {failures:#,0} ({span})")));
                }
                else if (groupFindings.All(t => t.Finding == TlsHandshakeFinding.RuledOut) && connection.Hypotheses.Any(h => h.Info.Id == s_tlsHandshake))
                {
                    findings.Add(new HypothesisFinding(s_connectionFailed, s_tlsHandshake, HypothesisSettlement.RuledOut,
                        $"tls-handshake ruled out: target group {names} speaks HTTP to its targets (no TLS to fail)"));
                }
            }
        }

        if (report.Causes.FirstOrDefault(c => c.Info.Id == s_closedConnection) is { } closed)
        {
            if (closed.Hypotheses.Any(h => h.Info.Id == s_keepAlive) && evidence.IdleTimeoutSeconds.IsAvailable)
            {
                findings.Add(new HypothesisFinding(s_closedConnection, s_keepAlive, HypothesisSettlement.Refined,
                    "keep-alive-race: " + HypothesisEvidence.KeepAliveRemedy(evidence.IdleTimeoutSeconds.Value)));
            }

            var delays = groups
                .Where(g => !g.Configuration.Value!.IsLambda && g.DeregistrationDelaySeconds.IsAvailable)
                .Select(g => (Name: g.Configuration.Value!.Name, Seconds: g.DeregistrationDelaySeconds.Value))
                .OrderBy(d => d.Seconds)
                .ToArray();
            if (closed.Hypotheses.Any(h => h.Info.Id == s_longRequest) && closed.TargetProcessingTime is { } processing && delays.Length > 0)
            {
                // The shortest delay is the one a request most easily outlasts: if even it was not reached, none was.
                var (name, seconds) = delays[0];
                var line = HypothesisEvidence.LongRequestCut(processing.Max, seconds) == LongRequestFinding.OutlastedDeregistrationDelay
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"long-request-cut: the longest cut request ran {processing.Max:0.0} s, at least the deregistration delay of target group {name} ({seconds} s): a deregistration could have cut it")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"long-request-cut: the longest cut request ran {processing.Max:0.0} s, within the deregistration delay of target group {name} ({seconds} s): not a deregistration; a timeout on the target is likelier");
                findings.Add(new HypothesisFinding(s_closedConnection, s_longRequest, HypothesisSettlement.Refined, line));
            }
        }
        return findings;
    }

    /// <summary>
    /// The target groups of a cause's targets, from the report's worst-target list; when none of its targets is listed
    /// there, every target group the evidence was gathered for.
    /// </summary>
    private static string[] GroupsOf(AnalysisReport report, CauseReport cause, LoadBalancerEvidence evidence)
    {
        var targets = cause.Targets.Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
        var groups = report.Targets.Where(t => targets.Contains(t.Target) && t.TargetGroup is not null).Select(t => t.TargetGroup!).Distinct(StringComparer.Ordinal).ToArray();
        return groups.Length > 0 ? groups : [.. evidence.TargetGroups.Select(g => g.TargetGroupArn).Distinct(StringComparer.Ordinal)];
    }
}
