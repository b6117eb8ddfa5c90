namespace AlbLogLambda.Core.Parsing;

/// <summary>
/// Maps a line onto <see cref="AlbLogRecord"/> positionally, in AWS's documented field order.
/// Any line with the fields through sent_bytes (12) is an entry; later fields may be missing
/// (older formats) and fields past the 33rd are ignored and counted (schema drift, spec §2.1).
/// </summary>
public static class AlbLogParser
{
    /// <summary>Fields AWS documents for an access-log entry, through request_transform_status.</summary>
    public const int KnownFieldCount = 33;

    /// <summary>Fields through sent_bytes: the least a line needs to be an entry.</summary>
    public const int MinimumFieldCount = 12;

    public static LineVerdict Parse(ReadOnlySpan<byte> line, out AlbLogRecord record, out LineProblem problem)
    {
        record = default;
        problem = LineProblem.None;
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) return LineVerdict.Blank;

        var tokens = new AlbLogTokenizer(line);
        int count = 0;
        while (tokens.Next(out var field))
        {
            count++;
            // "-" is AWS's placeholder for "no value" in every field.
            if (field.Length == 1 && field[0] == (byte)'-') field = default;
            switch (count)
            {
                case 1: record.Type = field; break;
                case 2: record.Time = field; break;
                case 3: record.Elb = field; break;
                case 4: record.Client = field; break;
                case 5: record.Target = field; break;
                case 6: record.RequestProcessingTime = field; break;
                case 7: record.TargetProcessingTime = field; break;
                case 8: record.ResponseProcessingTime = field; break;
                case 9:
                    if (!TryParseStatus(field, out record.ElbStatusCode)) problem = LineProblem.BadStatusCode;
                    break;
                case 10:
                    if (!TryParseStatus(field, out record.TargetStatusCode)) problem = LineProblem.BadStatusCode;
                    break;
                case 11: record.ReceivedBytes = field; break;
                case 12: record.SentBytes = field; break;
                case 13: record.Request = field; break;
                case 14: record.UserAgent = field; break;
                case 15: record.SslCipher = field; break;
                case 16: record.SslProtocol = field; break;
                case 17: record.TargetGroupArn = field; break;
                case 18: record.TraceId = field; break;
                case 19: record.DomainName = field; break;
                case 20: record.ChosenCertArn = field; break;
                case 21: record.MatchedRulePriority = field; break;
                case 22: record.RequestCreationTime = field; break;
                case 23: record.ActionsExecuted = field; break;
                case 24: record.RedirectUrl = field; break;
                case 25: record.ErrorReason = field; break;
                case 26: record.TargetPortList = field; break;
                case 27: record.TargetStatusCodeList = field; break;
                case 28: record.Classification = field; break;
                case 29: record.ClassificationReason = field; break;
                case 30: record.ConnTraceId = field; break;
                case 31: record.TransformedHost = field; break;
                case 32: record.TransformedUri = field; break;
                case 33: record.RequestTransformStatus = field; break;
                default: break;
            }
            if (count == 3 && !LooksLikeEntryStart(record, out problem)) break;
        }
        record.FieldCount = count;

        if (count < 3 && problem == LineProblem.None)
        {
            // A short line is judged by its first tokens too, so that foreign lines are not "malformed".
            _ = LooksLikeEntryStart(record, out problem);
        }
        if (problem is LineProblem.ConnectionOrClassicLogLine or LineProblem.HealthCheckLogLine
            or LineProblem.NetworkLoadBalancerLogLine or LineProblem.AccessLogTestFileLine)
        {
            return LineVerdict.Foreign;
        }
        if (problem != LineProblem.None) return LineVerdict.Malformed;
        if (count < MinimumFieldCount)
        {
            problem = LineProblem.TooFewFields;
            return LineVerdict.Malformed;
        }
        return LineVerdict.Entry;
    }

    /// <summary>
    /// True when type, time and elb look like an ALB access entry; otherwise says what the line is
    /// (another log kind sharing the bucket, spec §1.3) or what is wrong with it.
    /// </summary>
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
        if (s.Length < 20 || s[^1] != (byte)'Z') return false;
        return IsDigits(s[..4]) && s[4] == (byte)'-' && IsDigits(s.Slice(5, 2)) && s[7] == (byte)'-'
            && IsDigits(s.Slice(8, 2)) && s[10] == (byte)'T' && IsDigits(s.Slice(11, 2)) && s[13] == (byte)':'
            && IsDigits(s.Slice(14, 2)) && s[16] == (byte)':' && IsDigits(s.Slice(17, 2));
    }

    /// <summary><c>yyyy-mm-ddThh:mm:ss</c> with or without fraction and zone (NLB writes neither).</summary>
    private static bool StartsWithDateTime(ReadOnlySpan<byte> s) =>
        s.Length >= 19 && IsDigits(s[..4]) && s[4] == (byte)'-' && s[10] == (byte)'T' && s[13] == (byte)':';

    private static bool IsDigits(ReadOnlySpan<byte> s) => s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static readonly System.Buffers.SearchValues<byte> s_decimalBytes =
        System.Buffers.SearchValues.Create("0123456789.-"u8);

    private static bool IsDecimal(ReadOnlySpan<byte> s) => !s.IsEmpty && s.IndexOfAnyExcept(s_decimalBytes) < 0;

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
