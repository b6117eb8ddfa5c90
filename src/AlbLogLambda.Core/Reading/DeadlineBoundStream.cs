
namespace AlbLogLambda.Core.Reading;

/// <summary>
/// Makes a blocking read stream honour a cancellation token: each read checks it, and cancellation
/// disposes the inner stream, which aborts a read blocked on the network. The engine reads
/// synchronously, so this is how the invocation deadline reaches it.
/// </summary>
public sealed class DeadlineBoundStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;

    public DeadlineBoundStream(Stream inner, CancellationToken cancellationToken)
    {
        _inner = inner;
        _cancellationToken = cancellationToken;
        _registration = cancellationToken.Register(static s => ((Stream)s!).Dispose(), inner);
    }

    public override int Read(Span<byte> buffer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception e) when (_cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("reading stopped at the invocation deadline", e, _cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _registration.Dispose();
        base.Dispose(disposing);
    }
}
