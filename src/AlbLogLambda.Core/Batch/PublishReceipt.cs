namespace AlbLogLambda.Core.Batch;

/// <summary>What a publisher says of a summary it accepted.</summary>
/// <param name="MessageId">The id the notification service gave the message; null for a dry run.</param>
/// <param name="Attempts">Requests it took (1 when the first succeeded; 0 for a dry run).</param>
/// <param name="DryRun">True when nothing was sent (the summary was only logged or printed).</param>
public sealed record PublishReceipt(string? MessageId, int Attempts, bool DryRun)
{
    /// <summary>A summary that was shown, not sent.</summary>
    public static PublishReceipt NotSent { get; } = new(null, 0, DryRun: true);
}
