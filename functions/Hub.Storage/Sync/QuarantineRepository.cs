namespace Hub.Storage.Sync;

/// <summary>A source record that failed validation, kept with its reason and where its raw payload is archived.</summary>
public sealed record QuarantinedRecord(string Source, string? RecordId, string Reason, string RawBlob, int IndexInPage, DateTimeOffset At);

/// <summary>Quarantined records: partition = source, row = raw page + index in page (so re-running a page does not
/// duplicate its quarantine entries).</summary>
public sealed class QuarantineRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.QuarantineTable);

    public async Task AddAsync(IReadOnlyList<QuarantinedRecord> records, CancellationToken ct)
    {
        foreach (var partition in records.GroupBy(r => r.Source))
            foreach (var chunk in partition.Chunk(100))
                await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(r.Source, TableKeys.Escape($"{r.RawBlob}#{r.IndexInPage:D5}"))
                    {
                        ["RecordId"] = r.RecordId, ["Reason"] = r.Reason, ["RawBlob"] = r.RawBlob, ["IndexInPage"] = r.IndexInPage, ["At"] = r.At,
                    })), ct);
    }

    public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken ct) =>
        _table.ListPartitionAsync(source, e => new QuarantinedRecord(e.PartitionKey, e.GetString("RecordId"), e.GetString("Reason"), e.GetString("RawBlob"),
            e.GetInt32("IndexInPage") ?? 0, e.GetDateTimeOffset("At")!.Value), ct);
}
