namespace AlbLogLambda.Core.Batch;

/// <summary>Entity tags as stores and events write them: sometimes quoted (HTTP's form), sometimes not.</summary>
public static class EntityTag
{
    /// <summary>The tag without surrounding quotes; null for null or empty.</summary>
    public static string? Unquote(string? eTag) => string.IsNullOrEmpty(eTag) ? null : eTag.Trim('"');
}
