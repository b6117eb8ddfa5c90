namespace AlbLogLambda.Core.Evidence;

/// <summary>A piece of evidence that is missing, and why.</summary>
/// <param name="Reason">The kind of failure.</param>
/// <param name="Detail">What happened, for a person: the API's error code and message, or the budget that ran out.</param>
public sealed record Unavailable(UnavailableReason Reason, string Detail)
{
    /// <summary>The reason's id in outputs: no-permission, api-error, timeout, not-asked.</summary>
    public string ReasonId => Id(Reason);

    public static string Id(UnavailableReason reason) => reason switch
    {
        UnavailableReason.NoPermission => "no-permission",
        UnavailableReason.ApiError => "api-error",
        UnavailableReason.Timeout => "timeout",
        _ => "not-asked",
    };
}
