namespace Hub.Storage.Evidence;

/// <summary>The procedure catalogue: partition = owning unit (a unit's scoring reads its own), row = procedure code.</summary>
public sealed class ProcedureRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.ProceduresTable);

    public Task<VersionedUpsert.Outcome> UpsertAsync(IEnumerable<(Procedure Procedure, DateTimeOffset Version)> procedures, CancellationToken ct) =>
        VersionedUpsert.UpsertNewerAsync(_table, procedures.Select(x => ToEntity(x.Procedure, x.Version)).ToList(), ct);

    public Task<IReadOnlyList<Procedure>> ListByUnitAsync(string unitCode, CancellationToken ct) =>
        _table.ListPartitionAsync(TableKeys.Escape(unitCode), FromEntity, ct);

    private static TableEntity ToEntity(Procedure p, DateTimeOffset version) => new(TableKeys.Escape(p.UnitCode), TableKeys.Escape(p.Code))
    {
        ["Code"] = p.Code,
        ["UnitCode"] = p.UnitCode,
        ["EffectiveFrom"] = p.EffectiveFrom,
        ["EffectiveTo"] = p.EffectiveTo,
        ["DecisionEffectiveAt"] = p.DecisionEffectiveAt,
        ["PublishedAt"] = p.PublishedAt,
        ["Complete"] = p.Complete,
        ["OnlineLevel"] = p.OnlineLevel.ToString(),
        [VersionedUpsert.VersionColumn] = version.UtcTicks,
    };

    private static Procedure FromEntity(TableEntity e) => new(
        e.GetString("Code"), e.GetString("UnitCode"), e.GetDateTimeOffset("EffectiveFrom")!.Value, e.GetDateTimeOffset("EffectiveTo"),
        e.GetDateTimeOffset("DecisionEffectiveAt"), e.GetDateTimeOffset("PublishedAt"), e.GetBoolean("Complete") ?? false,
        Enum.Parse<OnlineLevel>(e.GetString("OnlineLevel")));
}
