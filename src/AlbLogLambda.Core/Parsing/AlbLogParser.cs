using System.Runtime.CompilerServices;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LineVerdict Parse(ReadOnlySpan<byte> line, out AlbLogRecord record, out LineProblem problem)
    {
        record = default;
        problem = LineProblem.None;
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) return LineVerdict.Blank;

        // Straight-line code in field order: each Take fills one field and counts it; once the line runs
        // out, the remaining fields stay absent. Cheaper than dispatching on a field index per token.
        var tokens = new AlbLogTokenizer(line);
        int count = 0;
        if (Take(ref tokens, ref count, out record.Type) && Take(ref tokens, ref count, out record.Time) && Take(ref tokens, ref count, out record.Elb))
        {
            if (!LooksLikeEntryStart(record, out problem))
            {
                record.FieldCount = count;
                return problem.IsForeign() ? LineVerdict.Foreign : LineVerdict.Malformed;
            }
            if (Take(ref tokens, ref count, out record.Client) && Take(ref tokens, ref count, out record.Target)
                && Take(ref tokens, ref count, out record.RequestProcessingTime) && Take(ref tokens, ref count, out record.TargetProcessingTime)
                && Take(ref tokens, ref count, out record.ResponseProcessingTime))
            {
                if (Take(ref tokens, ref count, out var elbStatus) && !TryParseStatus(elbStatus, out record.ElbStatusCode)) problem = LineProblem.BadStatusCode;
                if (Take(ref tokens, ref count, out var targetStatus) && !TryParseStatus(targetStatus, out record.TargetStatusCode)) problem = LineProblem.BadStatusCode;
                _ = Take(ref tokens, ref count, out record.ReceivedBytes) && Take(ref tokens, ref count, out record.SentBytes)
                    && Take(ref tokens, ref count, out record.Request) && Take(ref tokens, ref count, out record.UserAgent)
                    && Take(ref tokens, ref count, out record.SslCipher) && Take(ref tokens, ref count, out record.SslProtocol)
                    && Take(ref tokens, ref count, out record.TargetGroupArn) && Take(ref tokens, ref count, out record.TraceId)
                    && Take(ref tokens, ref count, out record.DomainName) && Take(ref tokens, ref count, out record.ChosenCertArn)
                    && Take(ref tokens, ref count, out record.MatchedRulePriority) && Take(ref tokens, ref count, out record.RequestCreationTime)
                    && Take(ref tokens, ref count, out record.ActionsExecuted) && Take(ref tokens, ref count, out record.RedirectUrl)
                    && Take(ref tokens, ref count, out record.ErrorReason) && Take(ref tokens, ref count, out record.TargetPortList)
                    && Take(ref tokens, ref count, out record.TargetStatusCodeList) && Take(ref tokens, ref count, out record.Classification)
                    && Take(ref tokens, ref count, out record.ClassificationReason) && Take(ref tokens, ref count, out record.ConnTraceId)
                    && Take(ref tokens, ref count, out record.TransformedHost) && Take(ref tokens, ref count, out record.TransformedUri)
                    && Take(ref tokens, ref count, out record.RequestTransformStatus);
                while (tokens.Next(out _)) count++;
            }
        }
        else if (!LooksLikeEntryStart(record, out problem))
        {
            // A short line is judged by its first tokens too, so that foreign lines are not "malformed".
            record.FieldCount = count;
            return problem.IsForeign() ? LineVerdict.Foreign : LineVerdict.Malformed;
        }
        record.FieldCount = count;

        if (problem != LineProblem.None) return LineVerdict.Malformed;
        if (count < MinimumFieldCount)
        {
            problem = LineProblem.TooFewFields;
            return LineVerdict.Malformed;
        }
        return LineVerdict.Entry;
    }

    /// <summary>The next field, with AWS's "-" placeholder turned into an empty span; false when the line has no more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Take(scoped ref AlbLogTokenizer tokens, scoped ref int count, out ReadOnlySpan<byte> field)
    {
        if (!tokens.Next(out field)) return false;
        count++;
        if (field.Length == 1 && field[0] == (byte)'-') field = default;
        return true;
    }

    /// <summary>
    /// True when type, time and elb look like an ALB access entry; otherwise says what the line is
    /// (another log kind sharing the bucket, spec §1.3) or what is wrong with it.
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
