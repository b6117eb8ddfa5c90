namespace AlbLogLambda.Core.Analysis;

/// <summary>The outcome of reading one object (a file, stdin, an S3 object).</summary>
public sealed record ObjectOutcome(
    string Source,
    ObjectStatus Status,
    string? Reason,
    long Lines,
    long Entries,
    long Malformed,
    long SkippedLines,
    long Http502LoadBalancer,
    long Http502Target,
    long RawBytes,
    long DecodedBytes)
{
    public static ObjectOutcome SkippedObject(string source, string reason) =>
        new(source, ObjectStatus.Skipped, reason, 0, 0, 0, 0, 0, 0, 0, 0);

    public static ObjectOutcome FailedObject(string source, string reason) =>
        new(source, ObjectStatus.Failed, reason, 0, 0, 0, 0, 0, 0, 0, 0);
}
