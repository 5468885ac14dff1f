using Hub.Domain.Units;

namespace Hub.Storage.Evidence;

/// <summary>The unit tree as last synced from the portal's agency catalogue. One partition: it is always read whole.</summary>
public sealed class UnitRepository(StorageClients storage)
{
    private const string Partition = "unit";
    private readonly TableClient _table = storage.Table(StorageNames.UnitsTable);

    public Task<VersionedUpsert.Outcome> UpsertAsync(IEnumerable<(Unit Unit, DateTimeOffset Version)> units, CancellationToken ct) =>
        VersionedUpsert.UpsertNewerAsync(_table, units.Select(u => new TableEntity(Partition, TableKeys.Escape(u.Unit.Code))
        {
            ["Code"] = u.Unit.Code,
            ["Name"] = u.Unit.Name,
            ["ParentCode"] = u.Unit.ParentCode,
            [VersionedUpsert.VersionColumn] = u.Version.UtcTicks,
        }).ToList(), ct);

    public Task<IReadOnlyList<Unit>> ListAsync(CancellationToken ct) =>
        _table.ListPartitionAsync(Partition, e => new Unit(e.GetString("Code"), e.GetString("Name"), e.GetString("ParentCode")), ct);

    public async Task<UnitTree> LoadTreeAsync(CancellationToken ct) => UnitTree.Build(await ListAsync(ct));
}
