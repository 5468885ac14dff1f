using Hub.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Sync;

/// <summary>What a sync timer does: enqueue one work item per scope of the source.</summary>
public sealed class SyncScheduler(SyncRunner runner, SyncWorkQueue queue, TimeProvider clock, ILogger<SyncScheduler> logger)
{
    public async Task<int> EnqueueAsync(string sourceName, CancellationToken ct)
    {
        var source = runner.Source(sourceName);
        var scopes = await source.ScopesAsync(ct);
        foreach (var scope in scopes) await queue.EnqueueAsync(new SyncWorkItem(source.Name, scope, clock.GetUtcNow()), ct);
        logger.LogInformation("Enqueued {Count} sync work items for {Source}", scopes.Count, source.Name);
        return scopes.Count;
    }

    /// <summary>One work item for one scope (a period the portal's evaluation was never captured for, say).</summary>
    public async Task EnqueueScopeAsync(string sourceName, string scope, CancellationToken ct)
    {
        var source = runner.Source(sourceName);
        await queue.EnqueueAsync(new SyncWorkItem(source.Name, scope, clock.GetUtcNow()), ct);
        logger.LogInformation("Enqueued sync work item {Source}/{Scope}", source.Name, scope);
    }
}
