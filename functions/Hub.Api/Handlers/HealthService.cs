using Hub.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Diagnostics;
using Hub.Storage;
using Hub.Storage.Sync;
using Hub.Workflows.Sync;

namespace Hub.Api.Handlers;

/// <summary>GET /api/health, the same in both hosts: within 2 s, per dependency — storage (reachable, how fast, and the
/// tables, containers and queues it lacks), the sync queue and its poison queue (depth), and per source how long ago it
/// last caught up and how old its newest record is. 200 while storage answers ("degraded", with the reasons, when
/// something needs a look), 503 when it does not. Each check has its own deadline, so one slow dependency shows as
/// "unknown" instead of holding the answer.</summary>
public sealed class HealthService(StorageClients storage, SyncStateRepository states, IEnumerable<ISyncSource> sources, TimeProvider clock)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    /// <summary>A source that has not caught up for this long makes the hub "degraded".</summary>
    public static readonly TimeSpan SyncAgeLimit = TimeSpan.FromHours(26);

    public async Task<Results<Json<HealthReport>, Unavailable<HealthReport>>> CheckAsync(CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Deadline);
        var watch = Stopwatch.StartNew();
        var storageTask = storage.IsReachableAsync(ct, Deadline);
        var missingTask = Bounded(async () => await storage.MissingAsync(cts.Token));
        var queueTask = Bounded(() => DepthAsync(StorageNames.SyncWorkQueue, cts.Token));
        var poisonTask = Bounded(() => DepthAsync(StorageNames.SyncWorkPoisonQueue, cts.Token));
        var syncTask = Bounded(async () => (IReadOnlyList<SyncState>?)await states.ListAsync(cts.Token));
        var reachable = await storageTask;
        var latency = watch.Elapsed;
        var (missing, queue, poison, sync) = (await missingTask, await queueTask, await poisonTask, await syncTask);

        var now = clock.GetUtcNow();
        var reasons = sources.Where(s => s.ConfigurationProblem is not null).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => $"{s.Name}: not synced, {s.ConfigurationProblem}").ToList();
        if (missing is { Complete: false }) reasons.Add($"storage lacks {string.Join(", ", missing.All)}");
        if ((poison ?? 0) > 0) reasons.Add($"{poison} sync work item(s) in the poison queue");
        if (queue is null) reasons.Add("sync queue depth unknown");
        // Which scopes still count reads the unit list (cached): bounded like every other check.
        var report = sync is null ? null : await Bounded(() => SourcesAsync(sync, now, reasons, cts.Token));
        var status = !reachable ? "unhealthy" : reasons.Count > 0 ? "degraded" : "healthy";
        var body = new HealthReport(
            status,
            now,
            reachable ? reasons : ["storage unreachable"],
            new StorageHealth(!reachable ? "unreachable" : missing is null ? "unknown" : missing.Complete ? "reachable" : "incomplete",
                (long)latency.TotalMilliseconds, missing?.All.ToList()),
            new QueueHealth(queue, poison),
            report);
        return reachable ? Answer.Ok(body) : new Unavailable<HealthReport>(body);
    }

    private async Task<List<SourceHealth>?> SourcesAsync(IReadOnlyList<SyncState> sync, DateTimeOffset now, List<string> reasons, CancellationToken ct)
    {
        var report = new List<SourceHealth>();
        foreach (var source in sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!sync.Any(s => s.Source == source.Name)) continue; // never synced: nothing to say yet
            var scopes = await source.CurrentAsync(sync, ct);
            var last = source.CaughtUpAt(scopes);
            var newest = scopes.Max(s => s.Watermark);
            var age = last is { } l ? now - l : (TimeSpan?)null;
            var lag = newest is { } n ? now - n : (TimeSpan?)null;
            if (age is null || age > SyncAgeLimit) reasons.Add($"{source.Name}: {(age is null ? "never caught up" : $"last caught up {Hours(age.Value)} ago")}");
            if (SyncSources.Find(source.Name)?.NewRecordsWithin is { } within && lag > within)
                reasons.Add($"{source.Name}: newest record {Hours(lag!.Value)} old (new ones expected within {Hours(within)})");
            report.Add(new SourceHealth(source.Name, last, age is { } a ? (long?)a.TotalSeconds : null, newest,
                lag is { } g ? Hub.Domain.Text.Iso8601DurationConverter.Format(g) : null));
        }
        return report;
    }

    private static string Hours(TimeSpan t) => t.TotalHours < 48 ? $"{t.TotalHours:0} h" : $"{t.TotalDays:0} days";

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

/// <param name="Sources">Per source synced so far; null when the sync state could not be read in time.</param>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, IReadOnlyList<string> Reasons, StorageHealth Storage, QueueHealth SyncQueue, IReadOnlyList<SourceHealth>? Sources);

public sealed record StorageHealth(string Status, long LatencyMs, IReadOnlyList<string>? Missing);

public sealed record QueueHealth(int? Depth, int? PoisonDepth);

/// <param name="Lag">How far the newest record stored is behind now, an ISO 8601 duration (P2DT4H).</param>
public sealed record SourceHealth(string Source, DateTimeOffset? LastCaughtUpAt, long? AgeSeconds, DateTimeOffset? NewestRecordAt, string? Lag);
