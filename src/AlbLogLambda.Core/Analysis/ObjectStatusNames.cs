namespace AlbLogLambda.Core.Analysis;

/// <summary>The ids of <see cref="ObjectStatus"/> in every machine-readable output (JSON report, log lines, responses).</summary>
public static class ObjectStatusNames
{
    public static string Of(ObjectStatus status) => status switch
    {
        ObjectStatus.Ok => "ok",
        ObjectStatus.Skipped => "skipped",
        _ => "failed",
    };
}
