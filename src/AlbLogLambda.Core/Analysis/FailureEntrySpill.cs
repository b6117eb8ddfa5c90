using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>Receives one 5xx entry read back from a spill; <paramref name="target"/> is empty when there was none.</summary>
internal delegate void FailureEntryVisitor(long line, int elbStatus, int targetStatus, Http502Cause? cause, Hypothesis hypothesis, ReadOnlySpan<byte> target);

/// <summary>
/// The 5xx entries of one object, written to a temporary file as they are found, so that memory stays
/// flat however many there are; read back once when the entries output is written.
/// </summary>
internal sealed class FailureEntrySpill : IDisposable
{
    private const byte NoCause = byte.MaxValue;

    private FileStream? _file;
    private BinaryWriter? _writer;

    public long Count { get; private set; }

    public void Add(long line, int elbStatus, int targetStatus, Http502Cause? cause, Hypothesis hypothesis, ReadOnlySpan<byte> target)
    {
        if (_writer is null)
        {
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            _writer = new BinaryWriter(_file);
        }
        _writer.Write(line);
        _writer.Write((short)elbStatus);
        _writer.Write((short)targetStatus);
        _writer.Write(cause is { } c ? (byte)c : NoCause);
        _writer.Write((byte)hypothesis);
        var kept = target.Length > byte.MaxValue ? target[..byte.MaxValue] : target;
        _writer.Write((byte)kept.Length);
        _writer.Write(kept);
        Count++;
    }

    /// <summary>Reads every entry back in order, without allocating per entry (the target is lent as a span).</summary>
    public void ForEach(FailureEntryVisitor visit)
    {
        if (_writer is null || _file is null) return;
        _writer.Flush();
        _file.Position = 0;
        using var reader = new BinaryReader(_file, System.Text.Encoding.UTF8, leaveOpen: true);
        Span<byte> target = stackalloc byte[byte.MaxValue];
        for (long i = 0; i < Count; i++)
        {
            long line = reader.ReadInt64();
            int elb = reader.ReadInt16();
            int targetStatus = reader.ReadInt16();
            byte cause = reader.ReadByte();
            var hypothesis = (Hypothesis)reader.ReadByte();
            int length = reader.ReadByte();
            reader.BaseStream.ReadExactly(target[..length]);
            visit(line, elb, targetStatus, cause == NoCause ? null : (Http502Cause)cause, hypothesis, target[..length]);
        }
        _file.Seek(0, SeekOrigin.End);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }
}
