using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AlbLogLambda.Core.Parsing;

/// <summary>
/// Splits an ALB access-log line into fields (docs/log-format.md): single spaces separate fields; a field
/// that starts with a quote runs to the next quote (ALB escapes quotes inside as \x22, so the next
/// quote always closes); a closing quote followed by anything but a space still ends the field
/// (<c>"-"1</c> is two fields); an unterminated quote runs to the end of the line. Nothing is
/// unescaped and nothing is allocated.
/// </summary>
/// <remarks>
/// A line has about 33 short fields, so a search per field spends more time starting and stopping
/// than scanning. Instead, each 64-byte block of the line is classified once with SIMD compares into
/// two bit masks (where the spaces are, where the quotes are) and every field boundary is a
/// trailing-zero count on one of them. The parser then maps the bounds onto fields in straight-line
/// code.
/// </remarks>
public static class AlbLogTokenizer
{
    private const int BlockBytes = 64;

    /// <summary>
    /// Splits <paramref name="line"/>, writing the bounds of its first <c>fields.Length</c> fields to
    /// <paramref name="fields"/>; returns how many fields the line has in all (0 for an empty line).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(ReadOnlySpan<byte> line, Span<FieldBounds> fields)
    {
        int length = line.Length;
        if (length == 0) return 0;
        ref byte first = ref MemoryMarshal.GetReference(line);
        var block = new Block { Start = -BlockBytes }; // nothing classified yet: the first search classifies
        int count = 0;
        int start = 0;
        while (true)
        {
            int fieldStart, fieldEnd, next;
            if (start < length && Unsafe.Add(ref first, start) == (byte)'"')
            {
                fieldStart = start + 1;
                int close = Find(ref first, length, fieldStart, quote: true, ref block);
                if (close < 0)
                {
                    // Unterminated quote: the line was cut inside a quoted field; keep what is there.
                    fieldEnd = length;
                    next = -1;
                }
                else
                {
                    fieldEnd = close;
                    int after = close + 1;
                    // Skip the separating space if there is one; otherwise the next field starts right there.
                    next = after >= length ? -1 : Unsafe.Add(ref first, after) == (byte)' ' ? after + 1 : after;
                }
            }
            else
            {
                fieldStart = start;
                int space = Find(ref first, length, start, quote: false, ref block);
                fieldEnd = space < 0 ? length : space;
                next = space < 0 ? -1 : space + 1;
            }

            if ((uint)count < (uint)fields.Length) fields[count] = new FieldBounds(fieldStart, fieldEnd - fieldStart);
            count++;
            if (next < 0) return count;
            start = next;
        }
    }

    /// <summary>The 64 classified bytes at <see cref="Start"/>: bit i is set when byte Start + i is a space (or quote).</summary>
    private struct Block
    {
        public int Start;
        public ulong Spaces;
        public ulong Quotes;
    }

    /// <summary>The position of the first space (or quote) at or after <paramref name="from"/>; -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(ref byte first, int length, int from, bool quote, ref Block block)
    {
        while (from < length)
        {
            int offset = from - block.Start;
            if ((uint)offset >= BlockBytes)
            {
                block.Start = from;
                (block.Spaces, block.Quotes) = length - from >= BlockBytes
                    ? Masks(ref Unsafe.Add(ref first, from))
                    : TailMasks(ref first, length, from);
                offset = 0;
            }
            ulong bits = (quote ? block.Quotes : block.Spaces) >> offset;
            if (bits != 0)
            {
                return from + BitOperations.TrailingZeroCount(bits);
            }
            from = block.Start + BlockBytes;
        }
        return -1;
    }

    /// <summary>
    /// The masks of the fewer than 64 bytes from <paramref name="start"/> to the end of the line; bits past the end
    /// stay clear.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ulong Spaces, ulong Quotes) TailMasks(ref byte first, int length, int start)
    {
        if (length >= BlockBytes)
        {
            // Near the end of a long line: classify its last 64 bytes and drop the bits before start.
            int shift = start - (length - BlockBytes);
            var (spaces, quotes) = Masks(ref Unsafe.Add(ref first, length - BlockBytes));
            return (spaces >> shift, quotes >> shift);
        }

        // A line shorter than a block: classify a zero-padded copy (zeros are neither spaces nor quotes).
        Span<byte> padded = stackalloc byte[BlockBytes];
        padded.Clear();
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, start), length - start).CopyTo(padded);
        return Masks(ref MemoryMarshal.GetReference(padded));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Spaces, ulong Quotes) Masks(ref byte bytes) =>
        Vector256.IsHardwareAccelerated ? Masks256(ref bytes) : Masks128(ref bytes);

    /// <summary>The space and quote masks of 64 bytes with 256-bit compares (x64 with AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ulong Spaces, ulong Quotes) Masks256(ref byte bytes)
    {
        var low = Vector256.LoadUnsafe(ref bytes);
        var high = Vector256.LoadUnsafe(ref bytes, 32);
        var space = Vector256.Create((byte)' ');
        var quote = Vector256.Create((byte)'"');
        ulong spaces = Vector256.Equals(low, space).ExtractMostSignificantBits()
            | ((ulong)Vector256.Equals(high, space).ExtractMostSignificantBits() << 32);
        ulong quotes = Vector256.Equals(low, quote).ExtractMostSignificantBits()
            | ((ulong)Vector256.Equals(high, quote).ExtractMostSignificantBits() << 32);
        return (spaces, quotes);
    }

    /// <summary>
    /// The same with 128-bit compares: the path on arm64 (AdvSimd, where Lambda's Graviton functions run) and on x64
    /// without AVX2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ulong Spaces, ulong Quotes) Masks128(ref byte bytes)
    {
        var space = Vector128.Create((byte)' ');
        var quote = Vector128.Create((byte)'"');
        ulong spaces = 0, quotes = 0;
        for (int i = 0; i < BlockBytes; i += 16)
        {
            var chunk = Vector128.LoadUnsafe(ref bytes, (nuint)i);
            spaces |= (ulong)Vector128.Equals(chunk, space).ExtractMostSignificantBits() << i;
            quotes |= (ulong)Vector128.Equals(chunk, quote).ExtractMostSignificantBits() << i;
        }
        return (spaces, quotes);
    }
}
