using System.Runtime.ExceptionServices;

namespace AlbLogLambda.Core.Reading;

/// <summary>
/// Reads its source on a thread of its own, a few pooled buffers ahead of the caller: with two cores,
/// gzip decoding runs while the caller parses, so an object costs about the slower of the two, not
/// their sum. Bytes arrive in order, then the source's end or its exception, exactly where it happened.
/// </summary>
public sealed class ReadAheadStream : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly int _bufferSize;
    private readonly int _depth;

    // The hand-off: filled chunks waiting for the parser (at most depth), and the empty buffers waiting for the
    // reader, both guarded by one lock with Monitor waits. Not BlockingCollection: it makes a linked cancellation
    // source on each wait, and with a parser faster than inflating, the parser waits at almost every chunk.
    private readonly object _gate = new();
    private readonly Queue<Chunk> _ready;

    // The buffers go round between the two threads. A private set, not ArrayPool.Shared: the reader thread rents
    // and the parser thread returns, and the shared pool would park every returned buffer in the parser thread's
    // cache while the reader kept renting fresh ones, so memory would grow with the object. All of them are made
    // up front (depth queued, one being filled, one being read): made on demand, how many an object ends up with
    // would depend on how often the reader got ahead, that is on timing, not on the object.
    private readonly Stack<byte[]> _free;
    private bool _stopping;  // disposed: the reader stops at its next hand-off
    private readonly Thread _reader;
    private Chunk _current;
    private int _offset;
    private bool _ended;

    private readonly record struct Chunk(byte[]? Buffer, int Count, ExceptionDispatchInfo? Failure);

    /// <param name="source">The stream to read ahead of the caller.</param>
    /// <param name="bufferSize">
    /// Bytes per hand-off. 1 MiB: each hand-off where the parser waits costs a wake-up on the decoder's thread, and
    /// with a parser faster than inflating that is nearly every one; at 256 KiB, two cores took 1.13x the time of
    /// inflating alone, at 1 MiB 1.04x (bench/run.sh, 1M lines).
    /// </param>
    /// <param name="depth">
    /// Filled buffers that may wait for the caller: 3 MiB, several milliseconds of inflating, so a parser held up for a
    /// moment (a 502 line to classify, a collection) does not stop the decoder. With the one being filled and the one
    /// being read, the stream holds depth + 2 buffers.
    /// </param>
    public ReadAheadStream(Stream source, int bufferSize = 1024 * 1024, int depth = 3)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _bufferSize = bufferSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _depth = depth;
        _ready = new Queue<Chunk>(depth + 1);
        _free = new Stack<byte[]>(depth + 2);
        for (int i = 0; i < depth + 2; i++)
        {
            // Touched now, so that resident memory is the same for a small object as for a large one (untouched
            // pages of a fresh array only become resident once the reader first gets that far ahead).
            var buffer = new byte[bufferSize];
            buffer.AsSpan().Clear();
            _free.Push(buffer);
        }
        _reader = new Thread(ReadAhead) { IsBackground = true, Name = "alblog read-ahead" };
        _reader.Start();
    }

    /// <summary>True when a second core is there to read ahead on; on one core it only adds hand-offs.</summary>
    public static bool IsWorthwhile => Environment.ProcessorCount > 1;

    private void ReadAhead()
    {
        var last = default(Chunk);
        try
        {
            while (true)
            {
                var buffer = RentFree();
                if (buffer is null) return; // disposed
                int filled = 0;
                try
                {
                    // Fill the buffer: fewer, larger hand-offs.
                    while (filled < buffer.Length)
                    {
                        int n = _source.Read(buffer, filled, buffer.Length - filled);
                        if (n == 0) break;
                        filled += n;
                    }
                }
                catch (Exception e)
                {
                    // The bytes read before the failure still go first, then the failure.
                    if (filled > 0 && !Hand(new Chunk(buffer, filled, null))) return;
                    if (filled == 0) ReturnFree(buffer);
                    last = new Chunk(null, 0, ExceptionDispatchInfo.Capture(e));
                    return;
                }
                if (filled == 0)
                {
                    ReturnFree(buffer);
                    return; // the end: last stays the empty end marker
                }
                if (!Hand(new Chunk(buffer, filled, null))) return;
            }
        }
        catch (Exception e)
        {
            last = new Chunk(null, 0, ExceptionDispatchInfo.Capture(e));
        }
        finally
        {
            lock (_gate)
            {
                // Past the depth if need be (the queue has room for one more): the parser stops taking only after it.
                _ready.Enqueue(last);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>An empty buffer for the reader; null once disposed.</summary>
    private byte[]? RentFree()
    {
        lock (_gate)
        {
            if (_stopping) return null;
            // Never empty by the count above; a fresh buffer is only a safety net.
            return _free.Count > 0 ? _free.Pop() : new byte[_bufferSize];
        }
    }

    private void ReturnFree(byte[] buffer)
    {
        lock (_gate) _free.Push(buffer);
    }

    /// <summary>Queues a filled chunk, waiting for room; false once disposed.</summary>
    private bool Hand(Chunk chunk)
    {
        lock (_gate)
        {
            while (_ready.Count >= _depth && !_stopping) Monitor.Wait(_gate);
            if (_stopping)
            {
                _free.Push(chunk.Buffer!);
                return false;
            }
            _ready.Enqueue(chunk);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _ended) return 0;
        while (_current.Buffer is null || _offset == _current.Count)
        {
            Chunk next;
            lock (_gate)
            {
                if (_current.Buffer is { } spent) _free.Push(spent);
                _current = default;
                _offset = 0;
                while (_ready.Count == 0) Monitor.Wait(_gate); // the reader always ends with a last chunk
                next = _ready.Dequeue();
                Monitor.PulseAll(_gate);
            }
            if (next.Buffer is null)
            {
                _ended = true;
                next.Failure?.Throw();
                return 0;
            }
            _current = next;
        }
        int count = Math.Min(buffer.Length, _current.Count - _offset);
        _current.Buffer.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    /// <summary>Stops the reader thread and returns the buffers; the source stays the caller's to close.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            bool first;
            lock (_gate)
            {
                first = !_stopping;
                _stopping = true;
                _ended = true;
                if (_current.Buffer is { } held) _free.Push(held);
                _current = default;
                while (_ready.TryDequeue(out var pending))
                {
                    if (pending.Buffer is { } buffer) _free.Push(buffer);
                }
                Monitor.PulseAll(_gate);
            }
            // The reader stops at its next hand-off. One blocked inside the source stops when the owner closes the
            // source (the function's deadline does that): do not wait for it forever.
            if (first) _reader.Join(TimeSpan.FromSeconds(5));
        }
        base.Dispose(disposing);
    }
}
