namespace AlbLogLambda.Core.Analysis;

/// <summary>Entries in one minute (UTC, the start of the minute), for a cause's timeline.</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Count);
