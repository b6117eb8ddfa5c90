namespace AlbLogLambda.Core.Rendering;

/// <summary>Options for the HTML report.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>Keep query strings in URLs (they can carry tokens: off by default).</summary>
    public bool ShowQuery { get; init; }

    /// <summary>What the page is about (a load balancer's name), shown in the title; null for the report's load balancers.</summary>
    public string? Heading { get; init; }

    /// <summary>Extra lines per cause id (the confirmation by CloudWatch, when there is one).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CauseNotes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
