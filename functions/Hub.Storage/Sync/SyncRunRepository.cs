namespace Hub.Storage.Sync;

/// <summary>What one sync run of a work item did.</summary>
public sealed record SyncRun(string Source, string Scope, string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    int Pages, int Read, int Stored, int Quarantined, int Stale, string? Error);

/// <summary>Sync run history: partition = source, rows newest first.</summary>
public sealed class SyncRunRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.SyncRunsTable);

    public Task AddAsync(SyncRun run, CancellationToken ct) => _table.UpsertEntityAsync(new TableEntity(run.Source, $"{TableKeys.NewestFirst(run.StartedAt)}-{run.RunId}")
    {
        ["Scope"] = run.Scope, ["RunId"] = run.RunId, ["StartedAt"] = run.StartedAt, ["FinishedAt"] = run.FinishedAt,
        ["Pages"] = run.Pages, ["Read"] = run.Read, ["Stored"] = run.Stored, ["Quarantined"] = run.Quarantined, ["Stale"] = run.Stale, ["Error"] = run.Error,
    }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<SyncRun>> LatestAsync(string source, int take, CancellationToken ct)
    {
        var result = new List<SyncRun>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == source, maxPerPage: take, cancellationToken: ct))
        {
            result.Add(new SyncRun(e.PartitionKey, e.GetString("Scope"), e.GetString("RunId"), e.GetDateTimeOffset("StartedAt")!.Value, e.GetDateTimeOffset("FinishedAt")!.Value,
                e.GetInt32("Pages") ?? 0, e.GetInt32("Read") ?? 0, e.GetInt32("Stored") ?? 0, e.GetInt32("Quarantined") ?? 0, e.GetInt32("Stale") ?? 0, e.GetString("Error")));
            if (result.Count >= take) break;
        }
        return result;
    }
}
