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
            WindowHypotheses.Settle(targets.Items.Select(kv => kv.Value).ToArray());
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
