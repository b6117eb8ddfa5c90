using System.Globalization;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;

namespace AlbLogLambda;

/// <summary>
/// The function's configuration, read once per process from environment variables. The names are
/// the contract with template.yaml (a test checks that the template sets exactly these).
/// </summary>
public sealed record FunctionSettings
{
    public const string AlertTopicArnVariable = "ALERT_TOPIC_ARN";
    public const string Min502CountVariable = "MIN_502_COUNT";
    public const string HttpsTargetGroupsVariable = "HTTPS_TARGET_GROUPS";
    public const string PublishedMarkersVariable = "PUBLISHED_MARKERS";
    public const string MaxReceiveCountVariable = "MAX_RECEIVE_COUNT";

    /// <summary>Every variable the function reads for its own settings (AWS's standard ones aside).</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
        [AlertTopicArnVariable, Min502CountVariable, HttpsTargetGroupsVariable, PublishedMarkersVariable, MaxReceiveCountVariable];

    /// <summary>The SNS topic for alerts; null means dry run: the message is only logged.</summary>
    public string? AlertTopicArn { get; init; }

    /// <summary>A load balancer's summary is published when its 502 total (fixed responses excluded) reaches this.</summary>
    public int Min502Count { get; init; } = 1;

    /// <summary>Target group names or ARNs that speak HTTPS to their targets.</summary>
    public IReadOnlyList<string> HttpsTargetGroups { get; init; } = [];

    /// <summary>
    /// Where published summaries are recorded (<c>s3://bucket/prefix/</c>), so that a retried or redelivered batch
    /// does not page twice; null to publish on every run.
    /// </summary>
    public Uri? PublishedMarkers { get; init; }

    /// <summary>The queue's <c>maxReceiveCount</c> (see <see cref="BatchSettings.MaxReceiveCount"/>); null when unknown.</summary>
    public int? MaxReceiveCount { get; init; }

    /// <summary>Reading stops this long before the invocation deadline (see <see cref="BatchSettings.DeadlineMargin"/>).</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The rules of the batch these settings configure.</summary>
    public BatchSettings Batch => new()
    {
        Min502Count = Min502Count,
        DeadlineMargin = DeadlineMargin,
        MaxReceiveCount = MaxReceiveCount,
        Analysis = new AnalysisOptions { HttpsTargetGroups = HttpsTargetGroups },
    };

    public static FunctionSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? topic = environment(AlertTopicArnVariable) is { Length: > 0 } t ? t.Trim() : null;
        int min = WholeNumber(environment, Min502CountVariable) ?? 1;
        var groups = (environment(HttpsTargetGroupsVariable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Uri? markers = null;
        if (environment(PublishedMarkersVariable) is { Length: > 0 } markersText)
        {
            if (!Uri.TryCreate(markersText.Trim(), UriKind.Absolute, out markers) || markers.Scheme != "s3" || markers.Host.Length == 0)
            {
                throw new FormatException($"{PublishedMarkersVariable} must be an S3 location such as s3://my-bucket/alb-log-lambda/published/, not '{markersText}'.");
            }
        }
        return new FunctionSettings
        {
            AlertTopicArn = topic,
            Min502Count = min,
            HttpsTargetGroups = groups,
            PublishedMarkers = markers,
            MaxReceiveCount = WholeNumber(environment, MaxReceiveCountVariable),
        };
    }

    /// <summary>A variable that, when set, is a whole number of at least 1.</summary>
    private static int? WholeNumber(Func<string, string?> environment, string name)
    {
        if (environment(name) is not { Length: > 0 } text) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
        {
            throw new FormatException($"{name} must be a whole number of at least 1, not '{text}'.");
        }
        return value;
    }
}
