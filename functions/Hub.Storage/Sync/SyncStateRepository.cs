using Azure;

namespace Hub.Storage.Sync;

/// <summary>Sync watermarks: partition = source, row = scope (a unit code, or "*"). Saved with ETags so two runners of
/// the same scope cannot move the watermark past each other.</summary>
public sealed class SyncStateRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.SyncStateTable);

    public async Task<(SyncState State, ETag ETag)> GetAsync(string source, string scope, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(source, TableKeys.Escape(scope), cancellationToken: ct);
        if (!response.HasValue) return (SyncState.Initial(source, scope), default);
        var e = response.Value!;
        return (FromEntity(e), e.ETag);
    }

    /// <summary>Saves the state; throws RequestFailedException 412 when someone else saved it since it was read.</summary>
    public async Task<ETag> SaveAsync(SyncState state, ETag etag, CancellationToken ct)
    {
        var entity = new TableEntity(state.Source, TableKeys.Escape(state.Scope))
        {
            ["Scope"] = state.Scope,
            ["Cursor"] = state.Cursor,
            ["Watermark"] = state.Watermark,
            ["LastSuccessAt"] = state.LastSuccessAt,
            ["LastAttemptAt"] = state.LastAttemptAt,
            ["LastError"] = state.LastError,
        };
        var response = etag == default
            ? await _table.AddEntityAsync(entity, ct)
            : await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, ct);
        return response.Headers.ETag ?? default;
    }

    public async Task<IReadOnlyList<SyncState>> ListAsync(CancellationToken ct)
    {
        var result = new List<SyncState>();
        await foreach (var e in _table.QueryAsync<TableEntity>(cancellationToken: ct)) result.Add(FromEntity(e));
        return result;
    }

    private static SyncState FromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetString("Scope") ?? TableKeys.Unescape(e.RowKey), e.GetString("Cursor"), e.GetDateTimeOffset("Watermark"),
        e.GetDateTimeOffset("LastSuccessAt"), e.GetDateTimeOffset("LastAttemptAt"), e.GetString("LastError"));
}
