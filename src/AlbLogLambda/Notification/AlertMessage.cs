namespace AlbLogLambda.Notification;

/// <summary>A message attribute for subscription filter policies: type String or Number.</summary>
internal sealed record AlertAttribute(string Name, string DataType, string Value);

/// <summary>One alert for one load balancer, ready to publish: SNS's limits already applied.</summary>
internal sealed record AlertMessage(
    string LoadBalancer,
    string Subject,
    string Body,
    IReadOnlyList<AlertAttribute> Attributes,
    string? MessageGroupId,
    string? MessageDeduplicationId)
{
    /// <summary>The bytes SNS counts against its size limit: the body plus every attribute's name, type and value.</summary>
    public int SizeInBytes =>
        System.Text.Encoding.UTF8.GetByteCount(Body)
        + Attributes.Sum(a => System.Text.Encoding.UTF8.GetByteCount(a.Name) + a.DataType.Length + System.Text.Encoding.UTF8.GetByteCount(a.Value));
}

/// <summary>An S3 object a message covers: for the report and the FIFO deduplication id.</summary>
internal sealed record CoveredObject(string Bucket, string Key, string? ETag);
