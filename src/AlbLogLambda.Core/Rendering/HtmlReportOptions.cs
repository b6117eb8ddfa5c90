using AlbLogLambda.Core.Evidence;

namespace AlbLogLambda.Core.Rendering;

/// <summary>Options for the HTML report.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>Keep query strings in URLs (they can carry tokens: off by default).</summary>
    public bool ShowQuery { get; init; }

    /// <summary>What the page is about (a load balancer's name), shown in the title; null for the report's load balancers.</summary>
    public string? Heading { get; init; }

    /// <summary>AWS's own evidence on the report (verdict and settled hypotheses per cause, coverage); null when not asked.</summary>
    public ReportConfirmation? Confirmation { get; init; }
}
