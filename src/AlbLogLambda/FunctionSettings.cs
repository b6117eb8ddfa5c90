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

    /// <summary>Every variable the function reads for its own settings (AWS's standard ones aside).</summary>
    public static IReadOnlyList<string> VariableNames { get; } = [AlertTopicArnVariable, Min502CountVariable, HttpsTargetGroupsVariable];

    /// <summary>The SNS topic for alerts; null means dry run: the message is only logged.</summary>
    public string? AlertTopicArn { get; init; }

    /// <summary>A load balancer's summary is published when its 502 total (fixed responses excluded) reaches this.</summary>
    public int Min502Count { get; init; } = 1;

    /// <summary>Target group names or ARNs that speak HTTPS to their targets.</summary>
    public IReadOnlyList<string> HttpsTargetGroups { get; init; } = [];

    /// <summary>Reading stops this long before the invocation deadline (see <see cref="BatchSettings.DeadlineMargin"/>).</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The rules of the batch these settings configure.</summary>
    public BatchSettings Batch => new()
    {
        Min502Count = Min502Count,
        DeadlineMargin = DeadlineMargin,
        Analysis = new AnalysisOptions { HttpsTargetGroups = HttpsTargetGroups },
    };

    public static FunctionSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? topic = environment(AlertTopicArnVariable) is { Length: > 0 } t ? t.Trim() : null;
        int min = 1;
        if (environment(Min502CountVariable) is { Length: > 0 } minText)
        {
            if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out min) || min < 1)
            {
                throw new FormatException($"{Min502CountVariable} must be a whole number of at least 1, not '{minText}'.");
            }
        }
        var groups = (environment(HttpsTargetGroupsVariable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new FunctionSettings { AlertTopicArn = topic, Min502Count = min, HttpsTargetGroups = groups };
    }
}
