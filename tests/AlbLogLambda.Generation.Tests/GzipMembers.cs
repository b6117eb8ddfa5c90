using System.Buffers.Binary;
using System.IO.Compression;

namespace AlbLogLambda.Generation.Tests;

/// <summary>
/// Splits a concatenated gzip file into its members by reading the file alone (no recorded member lengths, so
/// the check holds whatever the compressor's bytes are): a member ends where the next gzip header starts, the
/// part before it decodes on its own, and its trailer's size field matches the decoded length.
/// </summary>
internal static class GzipMembers
{
    public sealed record Member(int Offset, int Length, byte[] Text);

    public static List<Member> Split(byte[] gzip)
    {
        var members = new List<Member>();
        int start = 0;
        while (start < gzip.Length)
        {
            Assert.True(IsHeader(gzip, start), $"no gzip header at offset {start}");
            Member? member = null;
            for (int end = start + 18; end <= gzip.Length && member is null; end++)
            {
                if (end == gzip.Length || IsHeader(gzip, end))
                {
                    member = TryMember(gzip, start, end);
                }
            }
            Assert.True(member is not null, $"the gzip member at offset {start} is incomplete");
            members.Add(member);
            start += member.Length;
        }
        return members;
    }

    private static bool IsHeader(byte[] bytes, int i) =>
        i + 10 <= bytes.Length && bytes[i] == 0x1f && bytes[i + 1] == 0x8b && bytes[i + 2] == 8;

    private static Member? TryMember(byte[] gzip, int start, int end)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(gzip, start, end - start), CompressionMode.Decompress);
            using var text = new MemoryStream();
            input.CopyTo(text);
            uint recordedSize = BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(end - 4));
            return recordedSize == (uint)text.Length ? new Member(start, end - start, text.ToArray()) : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }
}
