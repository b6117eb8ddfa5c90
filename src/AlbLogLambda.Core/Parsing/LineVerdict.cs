namespace AlbLogLambda.Core.Parsing;

/// <summary>What a line is, as decided by <see cref="AlbLogParser.Parse"/>.</summary>
public enum LineVerdict
{
    /// <summary>An ALB access-log entry.</summary>
    Entry,

    /// <summary>Empty or only spaces: ignored, not counted.</summary>
    Blank,

    /// <summary>A line of another log kind (connection, health-check, NLB, Classic, test file): skipped, never an entry.</summary>
    Foreign,

    /// <summary>Cannot be an ALB entry; counted as malformed with a reason.</summary>
    Malformed,
}
