using Hub.Storage.Queues;
using Hub.Storage.Sync;

namespace Hub.Workflows.Sync;

/// <summary>What the queue trigger does with one message: run the work item, and when the source has more pages
/// than one run may take, enqueue the follow-up item so the rest is picked up by the next invocation.</summary>
public sealed class SyncWorkHandler(SyncRunner runner, SyncWorkQueue queue, TimeProvider clock)
{
    public async Task<SyncRun> HandleAsync(string message, CancellationToken ct)
    {
        var item = SyncWorkQueue.Parse(message);
        var (run, more) = await runner.RunAsync(item, ct);
        if (more) await queue.EnqueueAsync(item with { EnqueuedAt = clock.GetUtcNow() }, ct);
        return run;
    }
}
