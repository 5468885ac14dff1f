using System.Text.Json.Serialization;
using Hub.Domain.Text;
using Hub.Storage;
using Hub.Storage.Sync;

namespace Hub.Workflows.Sync;

/// <param name="Lag">How far the newest record stored is behind now, as an ISO 8601 duration.</param>
public sealed record SourceStatus(string Source, int Scopes, DateTimeOffset? LastSuccessAt, DateTimeOffset? Watermark,
    [property: JsonConverter(typeof(Iso8601DurationConverter))] TimeSpan? Lag,
    IReadOnlyList<string> Errors, SyncRun? LastRun);

public sealed record SyncStatus(DateTimeOffset At, IReadOnlyList<SourceStatus> Sources, int PoisonMessages);

/// <summary>Sync health per source, over the scopes it still syncs: the oldest "caught up" time, the newest source
/// update stored (watermark), the lag of that watermark behind now, current errors, and the poison queue's depth.</summary>
public sealed class SyncStatusService(SyncRunner runner, SyncStateRepository states, SyncRunRepository runs, StorageClients storage, TimeProvider clock)
{
    public async Task<SyncStatus> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var all = await states.ListAsync(ct);
        var sources = new List<SourceStatus>();
        foreach (var name in runner.SourceNames.Order(StringComparer.Ordinal))
        {
            var source = runner.Source(name);
            var scopes = await source.CurrentAsync(all, ct);
            var lastSuccess = source.CaughtUpAt(scopes);
            var watermark = scopes.Max(s => s.Watermark);
            var errors = scopes.Where(s => s.LastError is not null).Select(s => $"{s.Scope}: {s.LastError}").ToList();
            if (source.ConfigurationProblem is { } problem) errors.Insert(0, $"not synced: {problem}");
            var lastRun = (await runs.LatestAsync(name, 1, ct)).FirstOrDefault();
            sources.Add(new SourceStatus(name, scopes.Count, lastSuccess, watermark, watermark is { } w ? now - w : null, errors, lastRun));
        }
        var poison = storage.Queue(StorageNames.SyncWorkPoisonQueue);
        var poisonCount = (await poison.ExistsAsync(ct)).Value ? (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount : 0;
        return new SyncStatus(now, sources, poisonCount);
    }
}
