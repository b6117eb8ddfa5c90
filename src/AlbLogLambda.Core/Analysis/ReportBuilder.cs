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
        WindowHypotheses.Settle(targets);
        var others = total.Targets.Others;

        var causes = new List<CauseReport>();
        foreach (var info in CauseCatalog.Causes)
        {
            var stats = total.Causes[(int)info.Cause];
            if (stats.Count == 0) continue;
            var hypotheses = info.Cause switch
            {
                Http502Cause.TargetConnectionFailed => SettledHypotheses(targets, info.Cause, t => t.ConnectTimeouts, Hypothesis.TlsHandshakeTimeout, t => t.ConnectionHypothesis,
                    others?.FoldedConnection),
                Http502Cause.TargetClosedConnection => SettledHypotheses(targets, info.Cause, t => t.ClosedLong, Hypothesis.LongRequestCut, t => t.ClosedHypothesis,
                    others?.FoldedClosed),
                _ => HypothesesOf(stats),
            };
            var causeTargets = targets.Where(t => t.ByCause[(int)info.Cause] > 0)
                .OrderByDescending(t => t.ByCause[(int)info.Cause]).ThenBy(t => Text(t.Key), StringComparer.Ordinal)
                .Take(options.TopTargets)
                .Select(t => new TargetCount(Text(t.Key), t.ByCause[(int)info.Cause]) { Approximate = t.Approximate })
                .ToArray();
            var codes = stats.Codes.Ranked();
            var details = codes.Select(c => ErrorReasonCatalog.Find(c.Code) is { } reason ? new CodeDetail(reason, c.Count) : null)
                .OfType<CodeDetail>().ToArray();
            causes.Add(new CauseReport(info, stats.Count, hypotheses, causeTargets, stats.Samples.ToArray(), codes,
                stats.TargetTime.ToSummary(), stats.Elapsed.ToSummary(), new TimeWindow(stats.Window.First, stats.Window.Last),
                details, SpreadOf(targets, info.Cause), TimelineOf(stats), ContextOf(stats))
            {
                UntrackedCodes = stats.Codes.Untracked,
                UntrackedMinutes = stats.Minutes.Untracked,
            });
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
            ContextTimelines = LogAccumulator.ContextStatuses
                .Select((status, i) => new StatusTimeline(status.ToString(CultureInfo.InvariantCulture), total.ContextMinutes[i].ToTimeline())
                {
                    Untracked = total.ContextMinutes[i].Untracked,
                })
                .Where(t => t.Minutes.Count > 0)
                .ToArray(),
            MaxTrackedKeys = options.MaxTrackedKeys,
            OtherTargets = total.Targets.Others is { } t ? new UntrackedTally(total.Targets.Evicted, t.Requests, t.Http502) : UntrackedTally.None,
            OtherTargetGroups = total.TargetGroups.Others is { } g ? new UntrackedTally(total.TargetGroups.Evicted, 0, g.Http502) : UntrackedTally.None,
            OtherLoadBalancers = total.LoadBalancers.Others is { } l ? new UntrackedTally(total.LoadBalancers.Evicted, l.Entries, 0) : UntrackedTally.None,
        };
    }

    /// <summary>
    /// The hypotheses of a cause settled per target: the entries the line alone decided (<paramref name="perLine"/>,
    /// counted as <paramref name="perLineHypothesis"/>), and the rest by the target's verdict over the window.
    /// </summary>
    /// <remarks>Targets folded away (more distinct targets than tracked) were settled when folded: <paramref name="folded"/>.</remarks>
    private static HypothesisReport[] SettledHypotheses(TargetStats[] targets, Http502Cause cause, Func<TargetStats, long> perLine,
        Hypothesis perLineHypothesis, Func<TargetStats, (Hypothesis Lead, Hypothesis Alternative)> settled,
        Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>? folded)
    {
        var counts = folded is null ? [] : new Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>(folded);
        foreach (var target in targets)
        {
            long failures = target.ByCause[(int)cause];
            if (failures == 0) continue;
            long decided = Math.Min(perLine(target), failures);
            if (decided > 0) counts[(perLineHypothesis, Hypothesis.None)] = counts.GetValueOrDefault((perLineHypothesis, Hypothesis.None)) + decided;
            if (failures > decided) counts[settled(target)] = counts.GetValueOrDefault(settled(target)) + failures - decided;
        }
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Lead)
            .Select(kv => new HypothesisReport(CauseCatalog.Get(kv.Key.Lead), kv.Value, CauseCatalog.Get(kv.Key.Lead).Confidence, kv.Key.Alternative))
            .ToArray();
    }

    private static HypothesisReport[] HypothesesOf(CauseStats stats) =>
        Enumerable.Range(1, stats.ByHypothesis.Length - 1)
            .Where(h => stats.ByHypothesis[h] > 0)
            .OrderByDescending(h => stats.ByHypothesis[h]).ThenBy(h => h)
            .Select(h => new HypothesisReport(CauseCatalog.Get((Hypothesis)h), stats.ByHypothesis[h], CauseCatalog.Get((Hypothesis)h).Confidence, Hypothesis.None))
            .ToArray();

    /// <summary>Distinct targets the cause touched, out of those that served requests for the same target groups.</summary>
    private static Spread? SpreadOf(TargetStats[] targets, Http502Cause cause)
    {
        var touched = targets.Where(t => t.ByCause[(int)cause] > 0).ToArray();
        if (touched.Length == 0) return null;
        var groups = touched.Select(t => t.TargetGroup ?? "").ToHashSet(StringComparer.Ordinal);
        long serving = targets.Count(t => t.Requests > 0 && groups.Contains(t.TargetGroup ?? ""));
        return new Spread(touched.Length, serving);
    }

    private static MinuteCount[] TimelineOf(CauseStats stats) => stats.Minutes.ToTimeline();

    private static CauseContext ContextOf(CauseStats stats) => new(
        CauseStats.ClassificationNames.Select((name, i) => new CodeCount(name, stats.Classifications[i])).ToArray(),
        CauseStats.ActionNames.Select((name, i) => new CodeCount(name, stats.Actions[i])).ToArray());

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
