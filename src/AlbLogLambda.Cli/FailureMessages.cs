using Amazon.Runtime;

namespace AlbLogLambda.Cli;

/// <summary>
/// The one line a command's expected failure deserves (a path that cannot be read or written, a bad value in the
/// environment, no AWS Region or credentials): no stack trace. Null for anything else, which is a bug and keeps its trace.
/// </summary>
internal static class FailureMessages
{
    public static string? Describe(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        DirectoryNotFoundException e => $"{e.Message.TrimEnd('.')}: its folder does not exist.",
        IOException or UnauthorizedAccessException or FormatException => exception.Message,
        AmazonClientException e when e.Message.Contains("region", StringComparison.OrdinalIgnoreCase) =>
            $"no AWS Region: set AWS_REGION (or AWS_DEFAULT_REGION, or a region in your AWS profile). ({e.Message})",
        AmazonServiceException { ErrorCode: { } code } e => $"{code}: {e.Message}",
        AmazonClientException e => e.Message,
        _ => null,
    };
}
