using AlbLogLambda.Core.Batch;
using Amazon.Runtime;

namespace AlbLogLambda.S3;

/// <summary>
/// A read-only pass-through over an S3 response body (no buffering, no decompression) that bounds every read: a read
/// that gets no bytes within the idle timeout fails instead of hanging (HttpClient's own timeout ends with the response
/// headers). Failures surface as retryable <see cref="LogObjectException"/>s naming the object.
/// </summary>
internal sealed class LogObjectReadStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeSpan _idleTimeout;
    private readonly string _bucket;
    private readonly string _key;

    public LogObjectReadStream(Stream inner, TimeSpan idleTimeout, string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _idleTimeout = idleTimeout;
        _bucket = bucket;
        _key = key;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_idleTimeout);
        try
        {
            return await _inner.ReadAsync(buffer, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LogObjectException(_bucket, _key, LogObjectFailure.Timeout,
                $"no bytes received for {_idleTimeout.TotalSeconds:0.###} s while reading the object", innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or AmazonClientException)
        {
            throw new LogObjectException(_bucket, _key, LogObjectFailure.Network,
                $"reading the object failed: {ex.Message}", innerException: ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads go through the bounded asynchronous path: a blocking socket read has no timeout of its own.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
