using Azure.Data.Tables;
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

    public async Task<IReadOnlyList<Unit>> ListAsync(CancellationToken ct)
    {
        var units = new List<Unit>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            units.Add(new Unit(e.GetString("Code"), e.GetString("Name"), e.GetString("ParentCode")));
        return units;
    }

    public async Task<UnitTree> LoadTreeAsync(CancellationToken ct) => UnitTree.Build(await ListAsync(ct));
}
