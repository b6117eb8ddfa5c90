namespace AlbLogLambda.Sns;

/// <summary>What SNS answered to a successful Publish.</summary>
/// <param name="MessageId">The id SNS assigned to the message.</param>
/// <param name="SequenceNumber">FIFO topics only: the message's sequence number.</param>
/// <param name="Attempts">How many requests it took (1 when the first one succeeded).</param>
public sealed record SnsPublishResult(string MessageId, string? SequenceNumber, int Attempts);
