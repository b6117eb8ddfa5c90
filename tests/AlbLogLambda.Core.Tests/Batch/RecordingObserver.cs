using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Core.Tests.Batch;

/// <summary>Records what a batch reports as it goes, and lets a test wait for one object to settle.</summary>
internal sealed class RecordingObserver : IBatchObserver
{
    private readonly Lock _gate = new();
    private readonly List<(string Key, TaskCompletionSource Settled)> _waiters = [];

    public List<string> SkippedMessages { get; } = [];

    public List<ObjectResult> Settled { get; } = [];

    public List<string> PublishFailures { get; } = [];

    public void MessageSkipped(BatchMessage message)
    {
        lock (_gate) SkippedMessages.Add(message.Id ?? "");
    }

    public void ObjectSettled(ObjectResult result)
    {
        lock (_gate)
        {
            Settled.Add(result);
            foreach (var waiter in _waiters.Where(w => w.Key == result.LogObject.Key)) waiter.Settled.TrySetResult();
        }
    }

    public List<string> LedgerFailures { get; } = [];

    public void PublishFailed(LoadBalancerSummary summary, Exception failure)
    {
        lock (_gate) PublishFailures.Add(summary.LoadBalancer + ": " + failure.Message);
    }

    public List<string> EvidenceFailures { get; } = [];

    public void EvidenceUnavailable(LoadBalancerSummary summary, Exception failure)
    {
        lock (_gate) EvidenceFailures.Add(summary.LoadBalancer + ": " + failure.Message);
    }

    public void LedgerUnavailable(LoadBalancerSummary summary, Exception failure)
    {
        lock (_gate) LedgerFailures.Add(summary.LoadBalancer + ": " + failure.Message);
    }

    /// <summary>Completes when <paramref name="key"/> has settled (bounded, so a broken batch fails the test instead of hanging it).</summary>
    public Task WaitForSettledAsync(string key)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (Settled.Any(s => s.LogObject.Key == key)) return Task.CompletedTask;
            _waiters.Add((key, waiter));
        }
        return waiter.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>Completes when the source has been asked for <paramref name="key"/>.</summary>
    public static async Task WaitForOpenedAsync(InMemoryLogObjectSource source, string key)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            lock (source.Opened)
            {
                if (source.Opened.Contains(key)) return;
            }
            await Task.Delay(5, bound.Token);
        }
    }
}
