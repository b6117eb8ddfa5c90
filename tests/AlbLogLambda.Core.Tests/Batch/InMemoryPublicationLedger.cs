using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Core.Tests.Batch;

/// <summary>A ledger in memory that survives across runs of a test; can be told to fail its reads or writes.</summary>
internal sealed class InMemoryPublicationLedger : IPublicationLedger
{
    public HashSet<string> Recorded { get; } = new(StringComparer.Ordinal);

    public Exception? FailReads { get; set; }

    public Exception? FailWrites { get; set; }

    public Task<bool> ContainsAsync(string identity, CancellationToken cancellationToken) =>
        FailReads is { } e ? Task.FromException<bool>(e) : Task.FromResult(Recorded.Contains(identity));

    public Task RecordAsync(string identity, CancellationToken cancellationToken)
    {
        if (FailWrites is { } e) return Task.FromException(e);
        Recorded.Add(identity);
        return Task.CompletedTask;
    }
}
