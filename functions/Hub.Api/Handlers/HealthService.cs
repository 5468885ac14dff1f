using Hub.Api.Routes;
using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using Hub.Storage;
using Hub.Storage.Sync;

namespace Hub.Api.Handlers;

/// <summary>GET /api/health, the same in both hosts: within 2 s, per dependency — storage (reachable, how fast), the sync
/// queue and its poison queue (depth), and how long ago each source last caught up. 200 while storage answers (with
/// "degraded" when something needs a look), 503 when it does not. Each check has its own deadline, so one slow
/// dependency shows as "unknown" instead of holding the answer.</summary>
public sealed class HealthService(StorageClients storage, SyncStateRepository states, IEnumerable<Hub.Workflows.Sync.ISyncSource> sources, TimeProvider clock)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    /// <summary>A source that has not caught up for this long makes the hub "degraded".</summary>
    public static readonly TimeSpan SyncAgeLimit = TimeSpan.FromHours(26);

    public async Task<IResult> CheckAsync(CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Deadline);
        var watch = Stopwatch.StartNew();
        var storageTask = storage.IsReachableAsync(ct, Deadline);
        var queueTask = Bounded(() => DepthAsync(StorageNames.SyncWorkQueue, cts.Token));
        var poisonTask = Bounded(() => DepthAsync(StorageNames.SyncWorkPoisonQueue, cts.Token));
        var syncTask = Bounded(async () => (IReadOnlyList<SyncState>?)await states.ListAsync(cts.Token));
        var reachable = await storageTask;
        var latency = watch.Elapsed;
        var (queue, poison, sync) = (await queueTask, await poisonTask, await syncTask);

        var now = clock.GetUtcNow();
        var bySource = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var report = sync?.GroupBy(s => s.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var scopes = g.ToList();
            var last = bySource.TryGetValue(g.Key, out var source) ? source.CaughtUpAt(scopes) : Hub.Workflows.Sync.ISyncSource.OldestCaughtUp(scopes);
            return new { source = g.Key, lastCaughtUpAt = last, ageSeconds = last is { } l ? (long?)(now - l).TotalSeconds : null };
        }).ToList();
        var stale = report?.Any(s => s.ageSeconds is null || s.ageSeconds > SyncAgeLimit.TotalSeconds) ?? false;
        var status = !reachable ? "unhealthy" : (poison ?? 0) > 0 || stale || queue is null ? "degraded" : "healthy";
        var body = new
        {
            status,
            checkedAt = now,
            storage = new { status = reachable ? "reachable" : "unreachable", latencyMs = (long)latency.TotalMilliseconds },
            syncQueue = new { depth = queue, poisonDepth = poison },
            sources = (object?)report ?? "unknown",
        };
        return Answer.Json(body, reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<int?> DepthAsync(string queue, CancellationToken ct)
    {
        var client = storage.Queue(queue);
        return (await client.ExistsAsync(ct)).Value ? (await client.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount : 0;
    }

    private static async Task<T?> Bounded<T>(Func<Task<T?>> check)
    {
        try { return await check(); }
        catch (Exception) { return default; } // unreachable or too slow: reported as unknown, never as an error page
    }
}
