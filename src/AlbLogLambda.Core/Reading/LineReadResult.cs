namespace AlbLogLambda.Core.Reading;

/// <summary>What <see cref="LineReader.Read"/> found.</summary>
public enum LineReadResult
{
    /// <summary>A line (without its LF or CRLF) is in the out span.</summary>
    Line,

    /// <summary>A line longer than the cap was skipped; its bytes are not kept.</summary>
    TooLong,

    /// <summary>No more lines.</summary>
    End,
}
