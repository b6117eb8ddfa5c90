namespace AlbLogLambda.Core.Classification;

/// <summary>A refinement of a cause from evidence beyond the single line.</summary>
public enum Hypothesis
{
    None,
    KeepAliveRace,
    LongRequestCut,
    ClosedMidRequest,
    TargetDown,
    Intermittent,
    TlsHandshake,
}
