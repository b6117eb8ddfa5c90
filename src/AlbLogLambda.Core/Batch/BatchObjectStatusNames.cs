using AlbLogLambda.Core.Analysis;

namespace AlbLogLambda.Core.Batch;

/// <summary>The ids of <see cref="BatchObjectStatus"/>: the object statuses' ids, plus <c>retry</c>.</summary>
public static class BatchObjectStatusNames
{
    public static string Of(BatchObjectStatus status) => status switch
    {
        BatchObjectStatus.Ok => ObjectStatusNames.Of(ObjectStatus.Ok),
        BatchObjectStatus.Skipped => ObjectStatusNames.Of(ObjectStatus.Skipped),
        BatchObjectStatus.Failed => ObjectStatusNames.Of(ObjectStatus.Failed),
        _ => "retry",
    };
}
