namespace AlbLogLambda.Core.Parsing;

/// <summary>
/// One ALB access-log entry as views into its line, fields in AWS's documented order (<see cref="AlbLogField"/>,
/// docs/log-format.md).
/// A field the line does not have, or that holds <c>-</c>, is empty. Quoted fields come without their
/// quotes and with their <c>\xHH</c> escapes as written.
/// </summary>
#pragma warning disable CA1051 // A view the parser fills in place; properties would only copy spans around.
public ref struct AlbLogRecord
{
    public ReadOnlySpan<byte> Type;
    public ReadOnlySpan<byte> Time;
    public ReadOnlySpan<byte> Elb;
    public ReadOnlySpan<byte> Client;
    public ReadOnlySpan<byte> Target;
    public ReadOnlySpan<byte> RequestProcessingTime;
    public ReadOnlySpan<byte> TargetProcessingTime;
    public ReadOnlySpan<byte> ResponseProcessingTime;

    /// <summary>The load balancer's status code; -1 when the field is <c>-</c>.</summary>
    public int ElbStatusCode;

    /// <summary>The target's status code; -1 for <c>-</c> (no response from a target).</summary>
    public int TargetStatusCode;

    public ReadOnlySpan<byte> ReceivedBytes;
    public ReadOnlySpan<byte> SentBytes;
    public ReadOnlySpan<byte> Request;
    public ReadOnlySpan<byte> UserAgent;
    public ReadOnlySpan<byte> SslCipher;
    public ReadOnlySpan<byte> SslProtocol;
    public ReadOnlySpan<byte> TargetGroupArn;
    public ReadOnlySpan<byte> TraceId;
    public ReadOnlySpan<byte> DomainName;
    public ReadOnlySpan<byte> ChosenCertArn;
    public ReadOnlySpan<byte> MatchedRulePriority;
    public ReadOnlySpan<byte> RequestCreationTime;
    public ReadOnlySpan<byte> ActionsExecuted;
    public ReadOnlySpan<byte> RedirectUrl;
    public ReadOnlySpan<byte> ErrorReason;
    public ReadOnlySpan<byte> TargetPortList;
    public ReadOnlySpan<byte> TargetStatusCodeList;
    public ReadOnlySpan<byte> Classification;
    public ReadOnlySpan<byte> ClassificationReason;
    public ReadOnlySpan<byte> ConnTraceId;
    public ReadOnlySpan<byte> TransformedHost;
    public ReadOnlySpan<byte> TransformedUri;
    public ReadOnlySpan<byte> RequestTransformStatus;

    /// <summary>How many fields the line had (12 or more for an entry).</summary>
    public int FieldCount;

    /// <summary>Fields past the 33 AWS documents: schema drift, ignored but counted.</summary>
    public readonly int ExtraFieldCount => Math.Max(0, FieldCount - AlbLogParser.KnownFieldCount);
}
#pragma warning restore CA1051
