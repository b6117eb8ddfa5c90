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
    public const string ReportBucketVariable = "REPORT_BUCKET";
    public const string ReportPrefixVariable = "REPORT_PREFIX";
    public const string ReportLinkDaysVariable = "REPORT_LINK_DAYS";
    public const string MaxDecodedBytesVariable = "MAX_DECODED_BYTES";
    public const string MaxConsecutiveNonEntriesVariable = "MAX_CONSECUTIVE_NON_ENTRIES";
    public const string ConfirmWithAwsVariable = "CONFIRM_WITH_AWS";

    /// <summary>Every variable the function reads for its own settings (AWS's standard ones aside).</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
        [
            AlertTopicArnVariable, Min502CountVariable, HttpsTargetGroupsVariable, PublishedMarkersVariable, MaxReceiveCountVariable,
            ReportBucketVariable, ReportPrefixVariable, ReportLinkDaysVariable, MaxDecodedBytesVariable, MaxConsecutiveNonEntriesVariable,
            ConfirmWithAwsVariable,
        ];

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

    /// <summary>The bucket for each summary's HTML report, linked from the message; null for no report.</summary>
    public string? ReportBucket { get; init; }

    /// <summary>The key prefix of the reports in <see cref="ReportBucket"/>.</summary>
    public string ReportPrefix { get; init; } = "reports/";

    /// <summary>
    /// How long a report link is valid (at most 7 days, SigV4's limit). A link signed with temporary credentials, as
    /// in Lambda, stops working when they expire, which may be sooner.
    /// </summary>
    public TimeSpan ReportLinkLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>An object that decodes to more is failed, not retried (a poison object must not hold the batch).</summary>
    public long MaxDecodedBytes { get; init; } = AnalysisOptions.DefaultMaxDecodedBytes;

    /// <summary>An object with a longer run of lines that are not entries is failed, not retried.</summary>
    public int MaxConsecutiveNonEntries { get; init; } = AnalysisOptions.DefaultMaxConsecutiveNonEntries;

    /// <summary>Ask CloudWatch and Elastic Load Balancing to confirm each summary's causes before it is published.</summary>
    public bool ConfirmWithAws { get; init; }

    /// <summary>Reading stops this long before the invocation deadline (see <see cref="BatchSettings.DeadlineMargin"/>).</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The rules of the batch these settings configure.</summary>
    public BatchSettings Batch => new()
    {
        Min502Count = Min502Count,
        DeadlineMargin = DeadlineMargin,
        MaxReceiveCount = MaxReceiveCount,
        Analysis = new AnalysisOptions
        {
            HttpsTargetGroups = HttpsTargetGroups,
            MaxDecodedBytes = MaxDecodedBytes,
            MaxConsecutiveNonEntries = MaxConsecutiveNonEntries,
        },
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
            ReportBucket = environment(ReportBucketVariable) is { Length: > 0 } bucket ? bucket.Trim() : null,
            ReportPrefix = environment(ReportPrefixVariable) is { Length: > 0 } prefix ? prefix.Trim() : "reports/",
            ReportLinkLifetime = TimeSpan.FromDays(LinkDays(environment)),
            MaxDecodedBytes = environment(MaxDecodedBytesVariable) is { Length: > 0 } bytes
                ? long.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out long b) && b > 0
                    ? b
                    : throw new FormatException($"{MaxDecodedBytesVariable} must be a whole number of bytes, at least 1, not '{bytes}'.")
                : AnalysisOptions.DefaultMaxDecodedBytes,
            MaxConsecutiveNonEntries = WholeNumber(environment, MaxConsecutiveNonEntriesVariable) ?? AnalysisOptions.DefaultMaxConsecutiveNonEntries,
            ConfirmWithAws = environment(ConfirmWithAwsVariable)?.Trim() switch
            {
                null or "" or "false" => false,
                "true" => true,
                var other => throw new FormatException($"{ConfirmWithAwsVariable} must be true or false, not '{other}'."),
            },
        };
    }

    private static int LinkDays(Func<string, string?> environment)
    {
        int days = WholeNumber(environment, ReportLinkDaysVariable) ?? 7;
        if (days > 7) throw new FormatException($"{ReportLinkDaysVariable} must be between 1 and 7 (a pre-signed link lasts at most 7 days), not {days}.");
        return days;
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
