using System.Runtime.CompilerServices;
using System.Text;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// Running totals for one object (then merged into the session). The per-line path does a few
/// counter updates and one map lookup; strings are made only for 502 entries and samples.
/// </summary>
internal sealed class LogAccumulator(AnalysisOptions options, Http502Classifier classifier) : IDisposable
{
    public readonly long[] StatusCounts = new long[1000];
    public long StatusAbsent;
    public long Lines;
    public long Entries;
    public long Malformed;
    public long SkippedLines;
    public long ExtraFieldLines;
    public long Http502LoadBalancer;
    public long Http502Target;
    public long FixedResponse;
    public readonly TimeRange Window = new();
    // Bounded: at MaxTrackedKeys, the lightest half of a map is folded into its others tally (ByteKeyMap).
    public readonly ByteKeyMap<TargetStats> Targets = new(options.MaxTrackedKeys);
    public readonly ByteKeyMap<TargetGroupStats> TargetGroups = new(options.MaxTrackedKeys);
    public readonly ByteKeyMap<LoadBalancerStats> LoadBalancers = new(options.MaxTrackedKeys);
    public readonly CauseStats[] Causes = Enumerable.Range(0, TargetStats.CauseCount).Select(_ => new CauseStats(options.MaxTrackedKeys)).ToArray();
    public readonly List<MalformedSample> MalformedSamples = [];

    /// <summary>503s and 504s per minute (UTC ticks of the minute's start): the context lines of the timeline, bounded.</summary>
    public readonly MinuteCounts[] ContextMinutes = [new(options.MaxTrackedKeys), new(options.MaxTrackedKeys)];

    /// <summary>The status codes of <see cref="ContextMinutes"/>, in order.</summary>
    public static readonly int[] ContextStatuses = [503, 504];
    public FailureEntrySpill? Spill;

    private LoadBalancerStats? _lastLoadBalancer;
    private byte[] _lastLoadBalancerKey = [];
    private string? _lastTargetGroup;
    private byte[] _lastTargetGroupKey = [];

    /// <summary>
    /// The target group's name as text, the same string for consecutive targets of one group: with many distinct
    /// targets (each new or reused tally asks once), a string per target would pile up in memory.
    /// </summary>
    private string? TargetGroupText(ReadOnlySpan<byte> arn)
    {
        if (arn.IsEmpty) return null;
        if (_lastTargetGroup is null || !arn.SequenceEqual(_lastTargetGroupKey))
        {
            _lastTargetGroup = AlbFieldValues.Text(arn);
            _lastTargetGroupKey = arn.ToArray();
        }
        return _lastTargetGroup;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEntry(in AlbLogRecord entry, ReadOnlySpan<byte> line, long lineNumber)
    {
        Entries++;
        int status = entry.ElbStatusCode;
        if (status >= 0) StatusCounts[status]++;
        else StatusAbsent++;
        Window.Add(entry.Time);
        if (entry.FieldCount > AlbLogParser.KnownFieldCount) ExtraFieldLines++;

        // Lines of one object almost always name one load balancer: compare before hashing.
        if (_lastLoadBalancer is null || !entry.Elb.SequenceEqual(_lastLoadBalancerKey))
        {
            _lastLoadBalancer = LoadBalancers.GetOrAdd(entry.Elb, static _ => new LoadBalancerStats());
            _lastLoadBalancerKey = entry.Elb.ToArray();
        }
        _lastLoadBalancer.Entries++;

        TargetStats? target = null;
        if (!entry.Target.IsEmpty)
        {
            target = Targets.GetOrAdd(entry.Target, static key => new TargetStats(key));
            target.Requests++;
            // For the spread of a cause over its target groups, and for a target that stops being seen.
            target.Seen.Add(entry.Time);
            target.TargetGroup ??= TargetGroupText(entry.TargetGroupArn);
        }

        if (status == 502)
        {
            AddHttp502(entry, line, lineNumber, target);
        }
        else if (status is 503 or 504)
        {
            AddContextMinute(status == 503 ? 0 : 1, entry.Time);
        }
        if (status is >= 500 and not 502 && options.CollectEntries)
        {
            (Spill ??= new FailureEntrySpill()).Add(lineNumber, status, entry.TargetStatusCode, null, Hypothesis.None, entry.Target);
        }
    }

    private void AddContextMinute(int index, ReadOnlySpan<byte> time)
    {
        if (!AlbFieldValues.TryParseTime(time, out var t)) return;
        long minute = t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute);
        ContextMinutes[index].Add(minute);
    }

    private void AddHttp502(in AlbLogRecord entry, ReadOnlySpan<byte> line, long lineNumber, TargetStats? target)
    {
        var verdict = classifier.Classify(entry);
        var cause = Causes[(int)verdict.Cause];
        cause.Count++;
        cause.ByHypothesis[(int)verdict.Hypothesis]++;
        cause.Window.Add(entry.Time);
        if (cause.Samples.Count < options.SamplesPerCause) cause.Samples.Add(Encoding.UTF8.GetString(line));
        cause.Codes.Add(EvidenceCode(entry));
        bool timed = AlbFieldValues.TryParseTime(entry.Time, out var time);
        if (timed)
        {
            long minute = time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute);
            cause.Minutes.Add(minute);
        }
        AddContext(cause, entry);

        if (verdict.Cause == Http502Cause.FixedResponse)
        {
            FixedResponse++;
        }
        else
        {
            if (verdict.Origin == Origin.Target) Http502Target++;
            else Http502LoadBalancer++;

            // -1 means "not measured", not a duration: it would only drag the statistics down.
            if (verdict.TargetProcessingTime >= 0) cause.TargetTime.Add(verdict.TargetProcessingTime);
            if (timed && AlbFieldValues.TryParseTime(entry.RequestCreationTime, out var created))
            {
                cause.Elapsed.Add((time - created).TotalSeconds);
            }
            if (target is not null)
            {
                target.Http502++;
                target.ByCause[(int)verdict.Cause]++;
                target.Failures.Add(entry.Time);
                if (verdict.Hypothesis == Hypothesis.TlsHandshake) target.SpeaksHttps = true;
                if (verdict.Hypothesis == Hypothesis.TlsHandshakeTimeout) target.ConnectTimeouts++;
                if (verdict.Cause == Http502Cause.TargetClosedConnection)
                {
                    target.Closed.Add(entry.Time);
                    if (verdict.Hypothesis == Hypothesis.LongRequestCut) target.ClosedLong++;
                }
            }
            if (!entry.TargetGroupArn.IsEmpty)
            {
                var group = TargetGroups.GetOrAdd(entry.TargetGroupArn, static _ => new TargetGroupStats());
                group.Http502++;
                group.Window.Add(entry.Time);
            }
        }
        if (options.CollectEntries)
        {
            (Spill ??= new FailureEntrySpill()).Add(lineNumber, 502, entry.TargetStatusCode, verdict.Cause, verdict.Hypothesis, entry.Target);
        }
    }

    /// <summary>The code a 502 entry shows: its error_reason, else its target status code, else "-".</summary>
    private static ReadOnlySpan<byte> EvidenceCode(in AlbLogRecord entry)
    {
        if (!entry.ErrorReason.IsEmpty) return entry.ErrorReason;
        int status = entry.TargetStatusCode;
        return status < 0 ? "-"u8 : s_statusText[status];
    }

    private static readonly byte[][] s_statusText = Enumerable.Range(0, 1000)
        .Select(code => Encoding.ASCII.GetBytes(code.ToString("000", System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    /// <summary>Desync classification and notable actions, counted as context for the cause.</summary>
    private static void AddContext(CauseStats cause, in AlbLogRecord entry)
    {
        var classification = entry.Classification;
        if (!classification.IsEmpty)
        {
            if (classification.SequenceEqual("Acceptable"u8)) cause.Classifications[0]++;
            else if (classification.SequenceEqual("Ambiguous"u8)) cause.Classifications[1]++;
            else if (classification.SequenceEqual("Severe"u8)) cause.Classifications[2]++;
        }
        var actions = entry.ActionsExecuted;
        if (actions.Length > "forward".Length || !actions.SequenceEqual("forward"u8))
        {
            if (AlbFieldValues.HasAction(actions, "waf-failed"u8)) cause.Actions[0]++;
            if (AlbFieldValues.HasAction(actions, "authenticate"u8)) cause.Actions[1]++;
            if (AlbFieldValues.HasAction(actions, "waf"u8)) cause.Actions[2]++;
        }
    }

    public void AddMalformed(string source, long lineNumber, LineProblem problem, ReadOnlySpan<byte> line)
    {
        Malformed++;
        if (MalformedSamples.Count < options.MalformedSamples)
        {
            const int MaxSampleChars = 300;
            var text = Encoding.UTF8.GetString(line.Length > MaxSampleChars ? line[..MaxSampleChars] : line);
            MalformedSamples.Add(new MalformedSample(source, lineNumber, LineProblemText.Describe(problem), text));
        }
    }

    /// <summary>Adds another object's totals to these.</summary>
    public void Merge(LogAccumulator other)
    {
        for (int i = 0; i < StatusCounts.Length; i++) StatusCounts[i] += other.StatusCounts[i];
        StatusAbsent += other.StatusAbsent;
        Lines += other.Lines;
        Entries += other.Entries;
        Malformed += other.Malformed;
        SkippedLines += other.SkippedLines;
        ExtraFieldLines += other.ExtraFieldLines;
        Http502LoadBalancer += other.Http502LoadBalancer;
        Http502Target += other.Http502Target;
        FixedResponse += other.FixedResponse;
        Window.Merge(other.Window);
        for (int i = 0; i < ContextMinutes.Length; i++) ContextMinutes[i].Merge(other.ContextMinutes[i]);
        foreach (var (key, stats) in other.Targets.Items) Targets.GetOrAdd(key, static k => new TargetStats(k)).Merge(stats);
        foreach (var (key, stats) in other.TargetGroups.Items) TargetGroups.GetOrAdd(key, static _ => new TargetGroupStats()).Merge(stats);
        foreach (var (key, stats) in other.LoadBalancers.Items) LoadBalancers.GetOrAdd(key, static _ => new LoadBalancerStats()).Merge(stats);
        Targets.AbsorbOthers(other.Targets);
        TargetGroups.AbsorbOthers(other.TargetGroups);
        LoadBalancers.AbsorbOthers(other.LoadBalancers);
        for (int i = 0; i < Causes.Length; i++) Causes[i].Merge(other.Causes[i], options.SamplesPerCause);
        foreach (var sample in other.MalformedSamples)
        {
            if (MalformedSamples.Count >= options.MalformedSamples) break;
            MalformedSamples.Add(sample);
        }
    }

    public void Dispose() => Spill?.Dispose();
}
