namespace AlbLogLambda.Core.Batch;

/// <summary>A log object a batch is asked to read: where it is, and what the event said about it.</summary>
/// <param name="Bucket">The bucket that holds it.</param>
/// <param name="Key">The key as the store names it (already URL-decoded where the event encodes keys).</param>
/// <param name="ETag">The entity tag without quotes, if known (from the event, or from the store once opened).</param>
/// <param name="Size">The size in bytes, if the event carries it.</param>
/// <param name="KeyMayBeUrlEncoded">
/// The event does not say whether it encoded the key (EventBridge's key encoding is not documented): if the key as
/// given is not found and holds '%' or '+', the batch tries it URL-decoded once.
/// </param>
public sealed record LogObjectRef(string Bucket, string Key, string? ETag = null, long? Size = null, bool KeyMayBeUrlEncoded = false)
{
    /// <summary><c>s3://bucket/key</c>: how operators name an object.</summary>
    public override string ToString() => $"s3://{Bucket}/{Key}";
}
