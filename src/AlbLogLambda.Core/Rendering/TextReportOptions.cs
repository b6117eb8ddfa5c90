using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Rendering;

/// <summary>Options for the human-readable report.</summary>
public sealed record TextReportOptions
{
    /// <summary>Keep query strings in URLs (they can carry tokens: off by default).</summary>
    public bool ShowQuery { get; init; }

    /// <summary>Print sample lines under each cause.</summary>
    public bool IncludeSamples { get; init; } = true;

    /// <summary>Lines to list per object section before summarising the rest.</summary>
    public int MaxObjectLines { get; init; } = 50;

    /// <summary>AWS's own evidence on the report, shown after the headline; null when not asked.</summary>
    public ReportConfirmation? Confirmation { get; init; }
}
