using System.Runtime.CompilerServices;

namespace AlbLogLambda.Core.Parsing;

/// <summary>
/// Splits an ALB access-log line into fields (spec §2.2): single spaces separate fields; a field
/// that starts with a quote runs to the next quote (ALB escapes quotes inside as \x22, so the next
/// quote always closes); a closing quote followed by anything but a space still ends the field
/// (<c>"-"1</c> is two fields). Nothing is unescaped and nothing is allocated.
/// </summary>
public ref struct AlbLogTokenizer(ReadOnlySpan<byte> line)
{
    private ReadOnlySpan<byte> _rest = line;
    private bool _done = line.IsEmpty;

    /// <summary>Returns the next field without its quotes; false after the last field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }
        var rest = _rest;
        if (rest.Length > 0 && rest[0] == (byte)'"')
        {
            int close = rest[1..].IndexOf((byte)'"');
            if (close < 0)
            {
                // Unterminated quote: the line was cut inside a quoted field; keep what is there.
                field = rest[1..];
                _done = true;
                return true;
            }
            field = rest.Slice(1, close);
            int after = close + 2;
            if (after >= rest.Length)
            {
                _done = true;
            }
            else
            {
                // Skip the separating space if there is one; otherwise the next field starts right here.
                _rest = rest[after] == (byte)' ' ? rest[(after + 1)..] : rest[after..];
            }
            return true;
        }
        int space = rest.IndexOf((byte)' ');
        if (space < 0)
        {
            field = rest;
            _done = true;
            return true;
        }
        field = rest[..space];
        _rest = rest[(space + 1)..];
        return true;
    }
}
