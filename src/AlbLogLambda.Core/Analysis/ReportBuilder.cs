using System.Globalization;
using System.Text;
using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Turns the merged totals into the immutable report.</summary>
internal static class ReportBuilder
{
    public static AnalysisReport Build(LogAccumulator total, IReadOnlyList<ObjectOutcome> objects, AnalysisOptions options)
    {
        var statusCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int code = 0; code < total.StatusCounts.Length; code++)
        {
            if (total.StatusCounts[code] > 0) statusCounts[code.ToString("000", CultureInfo.InvariantCulture)] = total.StatusCounts[code];
        }
        if (total.StatusAbsent > 0) statusCounts["-"] = total.StatusAbsent;

        var targets = total.Targets.Items.Select(kv => kv.Value).ToArray();
        var connectionHypotheses = SettleConnectionHypotheses(targets, total.Targets.Others?.FoldedHypotheses);

        var causes = new List<CauseReport>();
        foreach (var info in CauseCatalog.Causes)
        {
            var stats = total.Causes[(int)info.Cause];
            if (stats.Count == 0) continue;
            var hypotheses = info.Cause == Http502Cause.TargetConnectionFailed
                ? connectionHypotheses
                : HypothesesOf(stats);
            var causeTargets = targets.Where(t => t.ByCause[(int)info.Cause] > 0)
                .OrderByDescending(t => t.ByCause[(int)info.Cause]).ThenBy(t => Text(t.Key), StringComparer.Ordinal)
                .Take(options.TopTargets)
                .Select(t => new TargetCount(Text(t.Key), t.ByCause[(int)info.Cause]) { Approximate = t.Approximate })
                .ToArray();
            causes.Add(new CauseReport(info, stats.Count, hypotheses, causeTargets, stats.Samples.ToArray(), stats.Codes.Ranked(),
                stats.TargetTime.ToSummary(), stats.Elapsed.ToSummary(), new TimeWindow(stats.Window.First, stats.Window.Last)));
        }
        causes.Sort((a, b) =>
        {
            // Fixed responses are configuration, not failures: always after the failure causes.
            int fixedFirst = (a.Info.Cause == Http502Cause.FixedResponse).CompareTo(b.Info.Cause == Http502Cause.FixedResponse);
            if (fixedFirst != 0) return fixedFirst;
            int byCount = b.Count.CompareTo(a.Count);
            return byCount != 0 ? byCount : a.Info.Cause.CompareTo(b.Info.Cause);
        });

        var worstTargets = targets.Where(t => t.Http502 > 0)
            .OrderByDescending(t => t.Http502).ThenBy(t => Text(t.Key), StringComparer.Ordinal)
            .Take(options.TopTargets)
            .Select(t => new TargetReport(Text(t.Key), t.TargetGroup, t.Requests, t.Http502,
                t.Requests == 0 ? 0 : (double)t.Http502 / t.Requests, TopCause(t), new TimeWindow(t.Failures.First, t.Failures.Last))
            { Approximate = t.Approximate })
            .ToArray();

        var groups = total.TargetGroups.Items
            .OrderByDescending(kv => kv.Value.Http502).ThenBy(kv => Text(kv.Key), StringComparer.Ordinal)
            .Select(kv => new TargetGroupReport(Text(kv.Key), kv.Value.Http502, new TimeWindow(kv.Value.Window.First, kv.Value.Window.Last)) { Approximate = kv.Value.Approximate })
            .ToArray();

        var loadBalancers = total.LoadBalancers.Items
            .OrderByDescending(kv => kv.Value.Entries).ThenBy(kv => Text(kv.Key), StringComparer.Ordinal)
            .Select(kv => new LoadBalancerCount(Text(kv.Key), kv.Value.Entries) { Approximate = kv.Value.Approximate })
            .ToArray();

        return new AnalysisReport(objects, loadBalancers, total.Entries, total.Malformed, total.SkippedLines, total.ExtraFieldLines,
            statusCounts, new Http502Totals(total.Http502LoadBalancer + total.Http502Target, total.Http502LoadBalancer, total.Http502Target, total.FixedResponse),
            causes, worstTargets, groups, total.MalformedSamples.ToArray(), new TimeWindow(total.Window.First, total.Window.Last))
        {
            MaxTrackedKeys = options.MaxTrackedKeys,
            OtherTargets = total.Targets.Others is { } t ? new UntrackedTally(total.Targets.Evicted, t.Requests, t.Http502) : UntrackedTally.None,
            OtherTargetGroups = total.TargetGroups.Others is { } g ? new UntrackedTally(total.TargetGroups.Evicted, 0, g.Http502) : UntrackedTally.None,
            OtherLoadBalancers = total.LoadBalancers.Others is { } l ? new UntrackedTally(total.LoadBalancers.Evicted, l.Entries, 0) : UntrackedTally.None,
        };
    }

    /// <summary>
    /// Connection failures are refined per target over the whole window: a target that failed every
    /// request it got is down; one that also served requests fails intermittently. An HTTPS target makes
    /// a TLS handshake failure the leading hypothesis, with the other named as the alternative.
    /// </summary>
    private static HypothesisReport[] SettleConnectionHypotheses(IEnumerable<TargetStats> targets,
        Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>? folded)
    {
        // Targets folded away (more distinct targets than tracked) were settled on what they had when folded.
        var counts = folded is null ? [] : new Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>(folded);
        foreach (var target in targets)
        {
            long failures = target.ByCause[(int)Http502Cause.TargetConnectionFailed];
            if (failures == 0) continue;
            var (lead, alternative) = ConnectionHypothesis(target);
            counts[(lead, alternative)] = counts.GetValueOrDefault((lead, alternative)) + failures;
        }
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Lead)
            .Select(kv => new HypothesisReport(CauseCatalog.Get(kv.Key.Lead), kv.Value, ConfidenceOf(kv.Key.Lead), kv.Key.Alternative))
            .ToArray();
    }

    internal static (Hypothesis Lead, Hypothesis Alternative) ConnectionHypothesis(TargetStats target)
    {
        var reachability = target.ByCause[(int)Http502Cause.TargetConnectionFailed] >= target.Requests
            ? Hypothesis.TargetDown
            : Hypothesis.Intermittent;
        return target.SpeaksHttps ? (Hypothesis.TlsHandshake, reachability) : (reachability, Hypothesis.None);
    }

    private static HypothesisReport[] HypothesesOf(CauseStats stats) =>
        Enumerable.Range(1, stats.ByHypothesis.Length - 1)
            .Where(h => stats.ByHypothesis[h] > 0)
            .OrderByDescending(h => stats.ByHypothesis[h]).ThenBy(h => h)
            .Select(h => new HypothesisReport(CauseCatalog.Get((Hypothesis)h), stats.ByHypothesis[h], ConfidenceOf((Hypothesis)h), Hypothesis.None))
            .ToArray();

    /// <summary>How far the log alone supports each hypothesis (design guidance of spec §6.4).</summary>
    public static Confidence ConfidenceOf(Hypothesis hypothesis) => hypothesis switch
    {
        Hypothesis.KeepAliveRace => Confidence.Medium,
        Hypothesis.TargetDown => Confidence.Medium,
        Hypothesis.Intermittent => Confidence.Medium,
        _ => Confidence.Low,
    };

    private static Http502Cause TopCause(TargetStats target)
    {
        int best = 0;
        for (int i = 1; i < target.ByCause.Length; i++)
        {
            if (target.ByCause[i] > target.ByCause[best]) best = i;
        }
        return (Http502Cause)best;
    }

    private static string Text(byte[] key) => Encoding.UTF8.GetString(key);
}
