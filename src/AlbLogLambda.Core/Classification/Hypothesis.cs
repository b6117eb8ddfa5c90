namespace AlbLogLambda.Core.Classification;

/// <summary>A refinement of a cause from evidence beyond the single line. New members are appended.</summary>
public enum Hypothesis
{
    None,
    KeepAliveRace,
    LongRequestCut,

    /// <summary>No longer produced: its lines are now keep-alive-race or target-crash (docs/causes.md). The id stays reserved.</summary>
    ClosedMidRequest,
    TargetDown,
    Intermittent,
    TlsHandshake,
    TlsHandshakeTimeout,
    TargetCrash,
}
