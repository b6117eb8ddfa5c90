namespace AlbLogLambda.Sns;

/// <summary>One SNS message attribute, sent as <c>Value.StringValue</c>.</summary>
/// <param name="Name">The attribute name (A-Z a-z 0-9 _ - .; not starting with AWS. or Amazon.).</param>
/// <param name="DataType"><c>String</c>, <c>Number</c> or <c>String.Array</c>.</param>
/// <param name="Value">The value as text (a number in decimal for <c>Number</c>).</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "SNS calls them message attributes.")]
public sealed record SnsMessageAttribute(string Name, string DataType, string Value)
{
    /// <summary>What SNS counts of an attribute against the message size limit.</summary>
    public int SizeInBytes => System.Text.Encoding.UTF8.GetByteCount(Name) + DataType.Length + System.Text.Encoding.UTF8.GetByteCount(Value);
}
