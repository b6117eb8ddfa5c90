using W = AlbLogLambda.Generation.GeneratorWorld;

namespace AlbLogLambda.Generation;

/// <summary>Formatting of one entry into the buffer, in AWS's field order.</summary>
internal sealed partial class GeneratorRun
{
    private void WriteEntry(long timeMicros, int fields)
    {
        var b = _buffer;
        ref Line l = ref _line;
        long creation = (timeMicros - l.ElapsedMicros) / 1000 * 1000;

        b.Append(l.Type);
        b.Append((byte)' ');
        b.AppendTimestamp(timeMicros);
        b.Append((byte)' ');
        b.Append(_world.Elb);
        b.Append((byte)' ');
        b.Append(l.Client);
        b.Append((byte)':');
        b.AppendInteger(l.ClientPort);
        b.Append((byte)' ');
        b.Append(l.Target ?? W.Dash);
        b.Append((byte)' ');
        b.AppendSeconds(l.Rpt);
        b.Append((byte)' ');
        b.AppendSeconds(l.Tpt);
        b.Append((byte)' ');
        b.AppendSeconds(l.Rspt);
        b.Append((byte)' ');
        b.AppendInteger(l.ElbStatus);
        b.Append((byte)' ');
        AppendStatus(l.TargetStatus);
        b.Append((byte)' ');
        b.AppendInteger(l.Received);
        b.Append((byte)' ');
        b.AppendInteger(l.Sent);
        b.Append(" \""u8);
        if (l.RawRequest is not null)
        {
            b.Append(l.RawRequest);
        }
        else
        {
            b.Append(l.Method);
            b.Append(l.Tls ? " https://"u8 : " http://"u8);
            b.Append(l.Host);
            b.Append(l.Tls ? ":443"u8 : ":80"u8);
            b.Append(l.Path);
            b.Append(l.Type == W.H2 || l.Type == W.Grpcs ? " HTTP/2.0"u8 : " HTTP/1.1"u8);
        }
        b.Append("\" "u8);
        b.AppendQuoted(l.UserAgent);
        b.Append((byte)' ');
        if (!l.Tls)
        {
            b.Append("- -"u8);
        }
        else if (l.Tls13)
        {
            b.Append("TLS_AES_128_GCM_SHA256 TLSv1.3"u8);
        }
        else
        {
            b.Append("ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"u8);
        }
        b.Append((byte)' ');
        b.Append(l.TargetGroupArn);
        b.Append(" \"Root=1-"u8);
        b.AppendHex((ulong)(creation / 1_000_000), 8);
        b.Append((byte)'-');
        b.AppendHex(_rng.NextUInt64(), 16);
        b.AppendHex(_rng.NextUInt64(), 8);
        b.Append("\" "u8);
        b.AppendQuoted(l.Tls && !l.NoSni ? l.Host : W.Dash);
        b.Append((byte)' ');
        b.AppendQuoted(!l.Tls ? W.Dash : l.SessionReused ? "session-reused"u8 : _world.Certificate);
        b.Append((byte)' ');
        if (l.Rule < 0)
        {
            b.Append((byte)'-');
        }
        else
        {
            b.AppendInteger(l.Rule);
        }
        b.Append((byte)' ');
        b.AppendTimestamp(creation);
        b.Append((byte)' ');
        b.AppendQuoted(l.Actions);
        b.Append(" \""u8);
        if (l.RedirectsToHttps)
        {
            b.Append("https://"u8);
            b.Append(l.Host);
            b.Append(":443"u8);
            b.Append(l.Path);
        }
        else
        {
            b.Append((byte)'-');
        }
        b.Append("\" "u8);
        b.AppendQuoted(l.ErrorReason);
        b.Append(" \""u8);
        b.Append(l.ListTarget && l.Target is not null ? l.Target : W.Dash);
        b.Append("\" \""u8);
        AppendStatus(l.ListTarget ? l.TargetStatus : -1);
        b.Append("\" "u8);
        b.AppendQuoted(l.Classification);
        b.Append((byte)' ');
        b.AppendQuoted(l.ClassificationReason);
        if (fields >= 30)
        {
            b.Append(" TID_"u8);
            b.AppendHex(_rng.NextUInt64(), 16);
            b.AppendHex(_rng.NextUInt64(), 16);
        }
        if (fields >= 33)
        {
            b.Append(" \"-\" \"-\" \"-\""u8);
        }
        if (fields >= 36)
        {
            b.Append(" \"-\" \"-\" \"-\""u8);
        }
        b.Append((byte)'\n');
    }

    private void AppendStatus(int status)
    {
        if (status < 0)
        {
            _buffer.Append((byte)'-');
        }
        else
        {
            _buffer.AppendInteger(status);
        }
    }
}
