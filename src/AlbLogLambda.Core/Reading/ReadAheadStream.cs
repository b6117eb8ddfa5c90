using System.Collections.Concurrent;
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
    private readonly BlockingCollection<Chunk> _chunks;

    // The buffers go round between the two threads. A private set, not ArrayPool.Shared: the reader thread rents
    // and the parser thread returns, and the shared pool would park every returned buffer in the parser thread's
    // cache while the reader kept renting fresh ones, so memory would grow with the object.
    private readonly ConcurrentQueue<byte[]> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private Chunk _current;
    private int _offset;
    private bool _ended;

    private readonly record struct Chunk(byte[]? Buffer, int Count, ExceptionDispatchInfo? Failure);

    public ReadAheadStream(Stream source, int bufferSize = 256 * 1024, int depth = 4)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _bufferSize = bufferSize;
        _chunks = new BlockingCollection<Chunk>(new ConcurrentQueue<Chunk>(), depth);
        _reader = new Thread(ReadAhead) { IsBackground = true, Name = "alblog read-ahead" };
        _reader.Start();
    }

    /// <summary>True when a second core is there to read ahead on; on one core it only adds hand-offs.</summary>
    public static bool IsWorthwhile => Environment.ProcessorCount > 1;

    private void ReadAhead()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var buffer = _free.TryDequeue(out var recycled) ? recycled : new byte[_bufferSize];
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
                    if (filled > 0) _chunks.Add(new Chunk(buffer, filled, null), _stop.Token);
                    else _free.Enqueue(buffer);
                    _chunks.Add(new Chunk(null, 0, ExceptionDispatchInfo.Capture(e)), _stop.Token);
                    return;
                }
                if (filled == 0)
                {
                    _free.Enqueue(buffer);
                    _chunks.Add(new Chunk(null, 0, null), _stop.Token);
                    return;
                }
                _chunks.Add(new Chunk(buffer, filled, null), _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while waiting for room: nobody reads any more.
        }
        catch (Exception e)
        {
            try
            {
                _chunks.Add(new Chunk(null, 0, ExceptionDispatchInfo.Capture(e)), _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        finally
        {
            _chunks.CompleteAdding();
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _ended) return 0;
        while (_current.Buffer is null || _offset == _current.Count)
        {
            if (_current.Buffer is { } spent) _free.Enqueue(spent);
            _current = default;
            _offset = 0;
            if (!_chunks.TryTake(out var next, Timeout.Infinite) || next.Buffer is null)
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
        if (disposing && !_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            if (_current.Buffer is { } held) _free.Enqueue(held);
            _current = default;
            Drain();
            // The reader stops at its next hand-off. One blocked inside the source stops when the owner
            // closes the source (the function's deadline does that): do not wait for it forever.
            if (_reader.Join(TimeSpan.FromSeconds(5)))
            {
                Drain();
                _chunks.Dispose();
                _stop.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private void Drain()
    {
        while (_chunks.TryTake(out var pending))
        {
            if (pending.Buffer is { } buffer) _free.Enqueue(buffer);
        }
    }
}
