namespace AlbLogLambda.Core.Analysis;

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
