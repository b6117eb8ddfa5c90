using System.Globalization;
using System.Text;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Tests.Parsing;

/// <summary>Reads a parsed record back field by field, by <see cref="AlbLogField"/>, as the text the line held.</summary>
internal static class RecordFields
{
    /// <summary>The field as text: <c>-</c> where the parser gives an empty value (a <c>-</c> or a missing field).</summary>
    public static string Text(in AlbLogRecord r, AlbLogField field) => field switch
    {
        AlbLogField.Type => S(r.Type),
        AlbLogField.Time => S(r.Time),
        AlbLogField.Elb => S(r.Elb),
        AlbLogField.Client => S(r.Client),
        AlbLogField.Target => S(r.Target),
        AlbLogField.RequestProcessingTime => S(r.RequestProcessingTime),
        AlbLogField.TargetProcessingTime => S(r.TargetProcessingTime),
        AlbLogField.ResponseProcessingTime => S(r.ResponseProcessingTime),
        AlbLogField.ElbStatusCode => Status(r.ElbStatusCode),
        AlbLogField.TargetStatusCode => Status(r.TargetStatusCode),
        AlbLogField.ReceivedBytes => S(r.ReceivedBytes),
        AlbLogField.SentBytes => S(r.SentBytes),
        AlbLogField.Request => S(r.Request),
        AlbLogField.UserAgent => S(r.UserAgent),
        AlbLogField.SslCipher => S(r.SslCipher),
        AlbLogField.SslProtocol => S(r.SslProtocol),
        AlbLogField.TargetGroupArn => S(r.TargetGroupArn),
        AlbLogField.TraceId => S(r.TraceId),
        AlbLogField.DomainName => S(r.DomainName),
        AlbLogField.ChosenCertArn => S(r.ChosenCertArn),
        AlbLogField.MatchedRulePriority => S(r.MatchedRulePriority),
        AlbLogField.RequestCreationTime => S(r.RequestCreationTime),
        AlbLogField.ActionsExecuted => S(r.ActionsExecuted),
        AlbLogField.RedirectUrl => S(r.RedirectUrl),
        AlbLogField.ErrorReason => S(r.ErrorReason),
        AlbLogField.TargetPortList => S(r.TargetPortList),
        AlbLogField.TargetStatusCodeList => S(r.TargetStatusCodeList),
        AlbLogField.Classification => S(r.Classification),
        AlbLogField.ClassificationReason => S(r.ClassificationReason),
        AlbLogField.ConnTraceId => S(r.ConnTraceId),
        AlbLogField.TransformedHost => S(r.TransformedHost),
        AlbLogField.TransformedUri => S(r.TransformedUri),
        AlbLogField.RequestTransformStatus => S(r.RequestTransformStatus),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Every documented field, in order.</summary>
    public static IEnumerable<AlbLogField> All => Enum.GetValues<AlbLogField>();

    private static string S(ReadOnlySpan<byte> field) => field.IsEmpty ? "-" : Encoding.UTF8.GetString(field);

    private static string Status(int code) => code < 0 ? "-" : code.ToString("000", CultureInfo.InvariantCulture);
}
