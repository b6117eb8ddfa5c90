namespace AlbLogLambda.Core.Evidence;

/// <summary>What the configuration settles about one hypothesis of one cause, and the line that says it.</summary>
/// <param name="CauseId">The cause, by catalog id.</param>
/// <param name="HypothesisId">The hypothesis, by catalog id.</param>
/// <param name="Settlement">Raised, ruled out or refined.</param>
/// <param name="Line">The sentence for people: the setting and the figure it rests on.</param>
public sealed record HypothesisFinding(string CauseId, string HypothesisId, HypothesisSettlement Settlement, string Line)
{
    /// <summary>The settlement's id in outputs: raised, ruled-out, refined.</summary>
    public string SettlementId => Settlement switch
    {
        HypothesisSettlement.Raised => "raised",
        HypothesisSettlement.RuledOut => "ruled-out",
        _ => "refined",
    };
}
