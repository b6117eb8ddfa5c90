namespace AlbLogLambda.Core.Evidence;

/// <summary>The parts of a target group ARN, <c>arn:partition:elasticloadbalancing:region:account:targetgroup/name/id</c>.</summary>
public static class TargetGroupArns
{
    /// <summary>The CloudWatch dimension value, <c>targetgroup/name/id</c>; null when the text is not a target group ARN.</summary>
    public static string? DimensionValue(string arn) => Split(arn) is { } parts ? parts[5] : null;

    /// <summary>The partition (aws, aws-cn, aws-us-gov); null when the text is not a target group ARN.</summary>
    public static string? Partition(string arn) => Split(arn) is { } parts ? parts[1] : null;

    /// <summary>The region, e.g. eu-west-1; null when the text is not a target group ARN or its region is not a region name.</summary>
    public static string? Region(string arn) => Split(arn) is { } parts && RegionNames.IsWellFormed(parts[3]) ? parts[3] : null;

    /// <summary>The account id; null when the text is not a target group ARN.</summary>
    public static string? AccountId(string arn) => Split(arn) is { } parts ? parts[4] : null;

    private static string[]? Split(string? arn)
    {
        var parts = (arn ?? string.Empty).Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "elasticloadbalancing" && parts[4].Length > 0
            && parts[5].StartsWith("targetgroup/", StringComparison.Ordinal)
            ? parts
            : null;
    }
}
