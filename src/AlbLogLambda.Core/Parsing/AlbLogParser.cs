using System.Runtime.CompilerServices;
namespace AlbLogLambda.Core.Parsing;

/// <summary>
/// Maps a line onto <see cref="AlbLogRecord"/> positionally, in AWS's documented field order.
/// Any line with the fields through sent_bytes (12) is an entry; later fields may be missing
/// (older formats) and fields past the 33rd are ignored and counted: AWS adds fields only at the end
/// and says to ignore the ones a reader does not expect (docs/log-format.md, "The lenient tail").
/// </summary>
public static class AlbLogParser
{
    /// <summary>Fields AWS documents for an access-log entry, through request_transform_status.</summary>
    public const int KnownFieldCount = (int)AlbLogField.RequestTransformStatus + 1;

    /// <summary>Fields through sent_bytes: the least a line needs to be an entry.</summary>
    public const int MinimumFieldCount = (int)AlbLogField.SentBytes + 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LineVerdict Parse(ReadOnlySpan<byte> line, out AlbLogRecord record, out LineProblem problem)
    {
        record = default;
        problem = LineProblem.None;
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) return LineVerdict.Blank;

        // One pass finds every field's bounds; straight-line code then maps them onto the record in
        // AWS's order. Fields the line does not have stay empty (the bounds are zero-initialised).
        Span<FieldBounds> fields = stackalloc FieldBounds[KnownFieldCount];
        int count = AlbLogTokenizer.Split(line, fields);
        record.FieldCount = count;
        record.Type = Field(line, fields, AlbLogField.Type);
        record.Time = Field(line, fields, AlbLogField.Time);
        record.Elb = Field(line, fields, AlbLogField.Elb);
        if (!LooksLikeEntryStart(record, out problem))
        {
            // Judged by its first tokens, so that lines of other log kinds are skipped, not "malformed".
            return problem.IsForeign() ? LineVerdict.Foreign : LineVerdict.Malformed;
        }

        record.Client = Field(line, fields, AlbLogField.Client);
        record.Target = Field(line, fields, AlbLogField.Target);
        record.RequestProcessingTime = Field(line, fields, AlbLogField.RequestProcessingTime);
        record.TargetProcessingTime = Field(line, fields, AlbLogField.TargetProcessingTime);
        record.ResponseProcessingTime = Field(line, fields, AlbLogField.ResponseProcessingTime);
        // The numeric fields are checked so that a line cut or spliced by hand (a "..." or a quoted request
        // where a number belongs) is malformed with the field named, instead of an entry with shifted fields.
        if (count > (int)AlbLogField.ElbStatusCode && !TryParseStatus(Field(line, fields, AlbLogField.ElbStatusCode), out record.ElbStatusCode))
        {
            problem = LineProblem.BadElbStatusCode;
        }
        if (count > (int)AlbLogField.TargetStatusCode && !TryParseStatus(Field(line, fields, AlbLogField.TargetStatusCode), out record.TargetStatusCode)
            && problem == LineProblem.None)
        {
            problem = LineProblem.BadTargetStatusCode;
        }
        record.ReceivedBytes = Field(line, fields, AlbLogField.ReceivedBytes);
        record.SentBytes = Field(line, fields, AlbLogField.SentBytes);
        if (!IsByteCount(record.ReceivedBytes) && problem == LineProblem.None) problem = LineProblem.BadReceivedBytes;
        if (!IsByteCount(record.SentBytes) && problem == LineProblem.None) problem = LineProblem.BadSentBytes;
        record.Request = Field(line, fields, AlbLogField.Request);
        record.UserAgent = Field(line, fields, AlbLogField.UserAgent);
        record.SslCipher = Field(line, fields, AlbLogField.SslCipher);
        record.SslProtocol = Field(line, fields, AlbLogField.SslProtocol);
        record.TargetGroupArn = Field(line, fields, AlbLogField.TargetGroupArn);
        record.TraceId = Field(line, fields, AlbLogField.TraceId);
        record.DomainName = Field(line, fields, AlbLogField.DomainName);
        record.ChosenCertArn = Field(line, fields, AlbLogField.ChosenCertArn);
        record.MatchedRulePriority = Field(line, fields, AlbLogField.MatchedRulePriority);
        record.RequestCreationTime = Field(line, fields, AlbLogField.RequestCreationTime);
        record.ActionsExecuted = Field(line, fields, AlbLogField.ActionsExecuted);
        record.RedirectUrl = Field(line, fields, AlbLogField.RedirectUrl);
        record.ErrorReason = Field(line, fields, AlbLogField.ErrorReason);
        record.TargetPortList = Field(line, fields, AlbLogField.TargetPortList);
        record.TargetStatusCodeList = Field(line, fields, AlbLogField.TargetStatusCodeList);
        record.Classification = Field(line, fields, AlbLogField.Classification);
        record.ClassificationReason = Field(line, fields, AlbLogField.ClassificationReason);
        record.ConnTraceId = Field(line, fields, AlbLogField.ConnTraceId);
        record.TransformedHost = Field(line, fields, AlbLogField.TransformedHost);
        record.TransformedUri = Field(line, fields, AlbLogField.TransformedUri);
        record.RequestTransformStatus = Field(line, fields, AlbLogField.RequestTransformStatus);

        if (problem != LineProblem.None) return LineVerdict.Malformed;
        if (count < MinimumFieldCount)
        {
            problem = LineProblem.TooFewFields;
            return LineVerdict.Malformed;
        }
        return LineVerdict.Entry;
    }

    /// <summary>A field's bytes, with AWS's "-" placeholder turned into an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, scoped ReadOnlySpan<FieldBounds> fields, AlbLogField name)
    {
        var bounds = fields[(int)name];
        var field = line.Slice(bounds.Start, bounds.Length);
        return field.Length == 1 && field[0] == (byte)'-' ? default : field;
    }

    /// <summary>
    /// True when type, time and elb look like an ALB access entry; otherwise says what the line is
    /// (another log kind that shares the bucket prefix: connection, health-check, NLB, Classic logs, the
    /// test file) or what is wrong with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LooksLikeEntryStart(in AlbLogRecord record, out LineProblem problem)
    {
        var type = record.Type;
        if (type.StartsWith("Enable"u8))
        {
            problem = LineProblem.AccessLogTestFileLine;
            return false;
        }
        if (IsTimestamp(type))
        {
            // Connection logs and Classic Load Balancer logs start with the time.
            problem = LineProblem.ConnectionOrClassicLogLine;
            return false;
        }
        if (!IsRequestType(type))
        {
            problem = LineProblem.BadType;
            return false;
        }
        if (type.SequenceEqual("tls"u8) && StartsWithDateTime(record.Elb))
        {
            // NLB: "tls 2.0 <time> net/...".
            problem = LineProblem.NetworkLoadBalancerLogLine;
            return false;
        }
        if (!IsTimestamp(record.Time))
        {
            problem = LineProblem.BadTime;
            return false;
        }
        if (!record.Elb.StartsWith("app/"u8))
        {
            // Health-check log lines share the first two tokens but carry a duration third.
            problem = IsDecimal(record.Elb) ? LineProblem.HealthCheckLogLine : LineProblem.BadLoadBalancer;
            return false;
        }
        problem = LineProblem.None;
        return true;
    }

    /// <summary>AWS lists http, https, h2, grpcs, ws, wss and says to accept others: short lowercase words.</summary>
    private static bool IsRequestType(ReadOnlySpan<byte> type)
    {
        if (type.IsEmpty || type.Length > 16) return false;
        foreach (byte b in type)
        {
            if (!((b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9'))) return false;
        }
        return true;
    }

    /// <summary>The shape <c>yyyy-mm-ddThh:mm:ss[.f*]Z</c>.</summary>
    internal static bool IsTimestamp(ReadOnlySpan<byte> s)
    {
        // Checked on every line: plain byte tests beat vectorised searches over 2-4 byte slices.
        if (s.Length < 20 || s[^1] != (byte)'Z') return false;
        return IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]) && s[4] == (byte)'-'
            && IsDigit(s[5]) && IsDigit(s[6]) && s[7] == (byte)'-' && IsDigit(s[8]) && IsDigit(s[9]) && s[10] == (byte)'T'
            && IsDigit(s[11]) && IsDigit(s[12]) && s[13] == (byte)':' && IsDigit(s[14]) && IsDigit(s[15]) && s[16] == (byte)':'
            && IsDigit(s[17]) && IsDigit(s[18]);
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary><c>yyyy-mm-ddThh:mm:ss</c> with or without fraction and zone (NLB writes neither).</summary>
    private static bool StartsWithDateTime(ReadOnlySpan<byte> s) =>
        s.Length >= 19 && IsDigit(s[0]) && IsDigit(s[3]) && s[4] == (byte)'-' && s[10] == (byte)'T' && s[13] == (byte)':';

    private static readonly System.Buffers.SearchValues<byte> s_decimalBytes =
        System.Buffers.SearchValues.Create("0123456789.-"u8);

    private static bool IsDecimal(ReadOnlySpan<byte> s) => !s.IsEmpty && s.IndexOfAnyExcept(s_decimalBytes) < 0;

    /// <summary>A byte count: decimal digits, or absent (<c>-</c>, already emptied, or a field the line does not have).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsByteCount(ReadOnlySpan<byte> field)
    {
        // Plain byte tests: the field is a few digits long, too short for a vectorised search to pay.
        foreach (byte b in field)
        {
            if (!IsDigit(b)) return false;
        }
        return true;
    }

    /// <summary>A 3-digit status code, or absent (<c>-</c>, already emptied) as -1.</summary>
    private static bool TryParseStatus(ReadOnlySpan<byte> field, out int status)
    {
        if (field.IsEmpty)
        {
            status = -1;
            return true;
        }
        if (field.Length == 3)
        {
            int a = field[0] - '0', b = field[1] - '0', c = field[2] - '0';
            if ((uint)a <= 9 && (uint)b <= 9 && (uint)c <= 9)
            {
                status = (a * 100) + (b * 10) + c;
                return true;
            }
        }
        status = -1;
        return false;
    }
}
