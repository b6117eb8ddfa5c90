using System.Globalization;
using System.Text;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.ObjectKeys;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// One analysis over any number of objects: the CLI's run, or one load balancer's objects in a Lambda
/// invocation. Each object is read into its own accumulator and merged only when it is done, so an
/// object abandoned half-way (a network error the caller will retry) leaves no trace in the totals.
/// Objects may be analyzed concurrently.
/// </summary>
public sealed class AnalysisSession : IDisposable
{
    private readonly AnalysisOptions _options;
    private readonly Http502Classifier _classifier;
    private readonly LogAccumulator _total;
    private readonly List<(ObjectOutcome Outcome, FailureEntrySpill? Entries)> _objects = [];
    private readonly Lock _gate = new();

    public AnalysisSession(AnalysisOptions? options = null)
    {
        _options = options ?? new AnalysisOptions();
        _classifier = new Http502Classifier(_options.HttpsTargetGroups);
        _total = new LogAccumulator(_options, _classifier);
    }

    public AnalysisOptions Options => _options;

    /// <summary>
    /// Reads one object (gzip or plain, detected from its bytes) and adds it to the session. Objects whose
    /// name says they are another log kind are skipped unread. Data problems make the object failed;
    /// I/O exceptions propagate and the object is left out.
    /// </summary>
    public ObjectOutcome Analyze(string source, Stream raw, CancellationToken cancellationToken = default)
    {
        var analysis = AnalyzeDetached(source, raw, cancellationToken);
        Commit(analysis);
        return analysis.Outcome;
    }

    /// <summary>
    /// Reads one object without adding it to the totals yet: the caller commits it once it knows the object
    /// belongs in this summary (a batch whose other objects must be retried leaves it out and disposes it).
    /// </summary>
    public ObjectAnalysis AnalyzeDetached(string source, Stream raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(raw);
        if (AlbLogObjectKey.Classify(source, out var skipReason) is not (LogObjectKind.AlbAccessLog or LogObjectKind.Unknown))
        {
            return new ObjectAnalysis(ObjectOutcome.SkippedObject(source, skipReason!), null);
        }
        var accumulator = new LogAccumulator(_options, _classifier);
        try
        {
            return new ObjectAnalysis(LogObjectReader.Read(source, raw, accumulator, _options, cancellationToken), accumulator);
        }
        catch
        {
            accumulator.Dispose();
            throw;
        }
    }

    /// <summary>Adds an object read by <see cref="AnalyzeDetached"/> to the totals.</summary>
    public void Commit(ObjectAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var accumulator = analysis.TakeAccumulator();
        lock (_gate)
        {
            if (accumulator is not null) _total.Merge(accumulator);
            _objects.Add((analysis.Outcome, accumulator?.Spill));
        }
    }

    /// <summary>Records an object the caller could not open (missing file, deleted S3 object) or chose to skip.</summary>
    public void Record(ObjectOutcome outcome)
    {
        lock (_gate) _objects.Add((outcome, null));
    }

    public IReadOnlyList<ObjectOutcome> Objects
    {
        get
        {
            lock (_gate) return _objects.Select(o => o.Outcome).ToArray();
        }
    }

    public AnalysisReport BuildReport()
    {
        lock (_gate) return ReportBuilder.Build(_total, _objects.Select(o => o.Outcome).ToArray(), _options);
    }

    /// <summary>
    /// Writes one NDJSON line per 5xx entry (needs <see cref="AnalysisOptions.CollectEntries"/>), objects in
    /// the order they were recorded, lines in file order.
    /// </summary>
    public void WriteEntries(Stream output)
    {
        if (!_options.CollectEntries) throw new InvalidOperationException("The session was not asked to collect entries.");
        lock (_gate)
        {
            var targets = _total.Targets;
            EntryWriter.Write(output, _objects.Where(o => o.Entries is not null).Select(o => (o.Outcome.Source, o.Entries!)),
                target => targets.Find(target));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, entries) in _objects) entries?.Dispose();
        }
    }
}

/// <summary>One object read but not yet added to a session's totals.</summary>
public sealed class ObjectAnalysis : IDisposable
{
    private LogAccumulator? _accumulator;

    internal ObjectAnalysis(ObjectOutcome outcome, LogAccumulator? accumulator)
    {
        Outcome = outcome;
        _accumulator = accumulator;
    }

    public ObjectOutcome Outcome { get; }

    internal LogAccumulator? TakeAccumulator()
    {
        var taken = _accumulator;
        _accumulator = null;
        return taken;
    }

    /// <summary>Drops an object that will not be committed (its temporary entry file included).</summary>
    public void Dispose()
    {
        _accumulator?.Dispose();
        _accumulator = null;
    }
}

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
        var connectionHypotheses = SettleConnectionHypotheses(targets);

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
                .Select(t => new TargetCount(Text(t.Key), t.ByCause[(int)info.Cause]))
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
                t.Requests == 0 ? 0 : (double)t.Http502 / t.Requests, TopCause(t), new TimeWindow(t.Failures.First, t.Failures.Last)))
            .ToArray();

        var groups = total.TargetGroups.Items
            .OrderByDescending(kv => kv.Value.Http502).ThenBy(kv => Text(kv.Key), StringComparer.Ordinal)
            .Select(kv => new TargetGroupReport(Text(kv.Key), kv.Value.Http502, new TimeWindow(kv.Value.Window.First, kv.Value.Window.Last)))
            .ToArray();

        var loadBalancers = total.LoadBalancers.Items
            .OrderByDescending(kv => kv.Value.Entries).ThenBy(kv => Text(kv.Key), StringComparer.Ordinal)
            .Select(kv => new LoadBalancerCount(Text(kv.Key), kv.Value.Entries))
            .ToArray();

        return new AnalysisReport(objects, loadBalancers, total.Entries, total.Malformed, total.SkippedLines, total.ExtraFieldLines,
            statusCounts, new Http502Totals(total.Http502LoadBalancer + total.Http502Target, total.Http502LoadBalancer, total.Http502Target, total.FixedResponse),
            causes, worstTargets, groups, total.MalformedSamples.ToArray(), new TimeWindow(total.Window.First, total.Window.Last));
    }

    /// <summary>
    /// Connection failures are refined per target over the whole window: a target that failed every
    /// request it got is down; one that also served requests fails intermittently. An HTTPS target makes
    /// a TLS handshake failure the leading hypothesis, with the other named as the alternative.
    /// </summary>
    private static HypothesisReport[] SettleConnectionHypotheses(IEnumerable<TargetStats> targets)
    {
        var counts = new Dictionary<(Hypothesis Lead, Hypothesis Alternative), long>();
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
