namespace Hub.Storage.Evidence;

/// <summary>Registry look-ups: partition = the unit that looked up, row = registry + request id.</summary>
public sealed class SharingLogRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.SharingLogTable);

    public Task<VersionedUpsert.Outcome> UpsertAsync(IEnumerable<(SharingRecord Record, DateTimeOffset Version)> records, CancellationToken ct) =>
        VersionedUpsert.UpsertNewerAsync(_table, records.Select(x => new TableEntity(TableKeys.Escape(x.Record.UnitCode), TableKeys.Escape($"{x.Record.Registry}|{x.Record.RequestId}"))
        {
            ["Registry"] = x.Record.Registry, ["RequestId"] = x.Record.RequestId, ["UnitCode"] = x.Record.UnitCode, ["DossierId"] = x.Record.DossierId,
            ["SubjectHash"] = x.Record.SubjectHash, ["Found"] = x.Record.Found, ["At"] = x.Record.At, ["EnterpriseStatus"] = x.Record.EnterpriseStatus,
            [VersionedUpsert.VersionColumn] = x.Version.UtcTicks,
        }).ToList(), ct);

    public Task<IReadOnlyList<SharingRecord>> ListByUnitAsync(string unitCode, CancellationToken ct) =>
        _table.ListPartitionAsync(TableKeys.Escape(unitCode), e => new SharingRecord(e.GetString("Registry"), e.GetString("RequestId"), e.GetString("UnitCode"),
            e.GetString("DossierId"), e.GetString("SubjectHash"), e.GetBoolean("Found") ?? false, e.GetDateTimeOffset("At")!.Value, e.GetInt32("EnterpriseStatus")), ct);
}
