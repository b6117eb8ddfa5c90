using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Core.Tests.Batch;

/// <summary>Serves log objects from memory; a key can be made to throw or to stall until the read is cancelled.</summary>
internal sealed class InMemoryLogObjectSource : ILogObjectSource
{
    private readonly Dictionary<string, Func<CancellationToken, Task<OpenedLogObject>>> _objects = new(StringComparer.Ordinal);

    public List<string> Opened { get; } = [];

    public void Add(string key, byte[] content, string etag = "\"9b2cf535f27731c974343645a3985328\"") =>
        _objects[key] = _ => Task.FromResult(new OpenedLogObject(new MemoryStream(content), etag, content.Length));

    public void Fail(string key, LogObjectFailure failure, string code) =>
        _objects[key] = _ => throw new LogObjectException("b", key, failure, "injected", code);

    /// <summary>Opening <paramref name="key"/> waits until the reading is cancelled (a connection that never answers).</summary>
    public void Stall(string key) =>
        _objects[key] = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

    public Task<OpenedLogObject> OpenAsync(LogObjectRef logObject, CancellationToken cancellationToken)
    {
        lock (Opened) Opened.Add(logObject.Key);
        return _objects.TryGetValue(logObject.Key, out var open)
            ? open(cancellationToken)
            : throw new LogObjectException(logObject.Bucket, logObject.Key, LogObjectFailure.NotFound, "The specified key does not exist.", "NoSuchKey");
    }
}
