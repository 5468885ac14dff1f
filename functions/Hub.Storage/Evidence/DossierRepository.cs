namespace Hub.Storage.Evidence;

/// <summary>Dossiers in their latest version: partition = handling unit (what one scoring activity reads),
/// row = MaHoSo. The applicant is kept only as a keyed hash.</summary>
public sealed class DossierRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.DossiersTable);

    public Task<VersionedUpsert.Outcome> UpsertAsync(IEnumerable<(DossierSnapshot Snapshot, DateTimeOffset Version)> dossiers, CancellationToken ct) =>
        VersionedUpsert.UpsertNewerAsync(_table, dossiers.Select(x => ToEntity(x.Snapshot, x.Version)).ToList(), ct);

    /// <summary>The unit's dossiers received before the given instant (later ones cannot count in a period ending there).</summary>
    public async IAsyncEnumerable<Dossier> QueryByUnitAsync(string unitCode, DateTimeOffset receivedBefore, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in QueryRowsByUnitAsync(unitCode, receivedBefore, ct)) yield return row.Dossier;
    }

    /// <summary>As QueryByUnitAsync, with the applicant's hash and status (for joins with the registries' sharing logs).</summary>
    public async IAsyncEnumerable<DossierSnapshotRow> QueryRowsByUnitAsync(string unitCode, DateTimeOffset receivedBefore, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var partition = TableKeys.Escape(unitCode);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ReceivedAt lt {receivedBefore.UtcDateTime}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            yield return Row(e);
    }

    public async Task<DossierSnapshotRow?> GetAsync(string unitCode, string dossierId, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(unitCode), TableKeys.Escape(dossierId), cancellationToken: ct);
        return response.HasValue ? Row(response.Value!) : null;
    }

    private static DossierSnapshotRow Row(TableEntity e) =>
        new(FromEntity(e), e.GetInt32("Status") ?? 0, e.GetString("ApplicantHash"), e.GetInt64(VersionedUpsert.VersionColumn) ?? 0, e.GetString("ProcedureName"));

    private static TableEntity ToEntity(DossierSnapshot s, DateTimeOffset version)
    {
        var d = s.Dossier;
        return new TableEntity(TableKeys.Escape(d.UnitCode), TableKeys.Escape(d.Id))
        {
            ["DossierId"] = d.Id,
            ["UnitCode"] = d.UnitCode,
            ["ProcedureCode"] = d.ProcedureCode,
            ["Channel"] = (int)d.Channel,
            ["ReceivedAt"] = d.ReceivedAt,
            ["DueAt"] = d.DueAt,
            ["FinishedAt"] = d.FinishedAt,
            ["PortalSyncedAt"] = d.PortalSyncedAt,
            ["SubmittedAt"] = d.SubmittedAt,
            ["ProcedureName"] = s.ProcedureName,
            ["FeeRequired"] = d.FeeRequired,
            ["PaidOnline"] = d.PaidOnline,
            ["Digitized"] = d.Digitized,
            ["ElectronicResult"] = d.ElectronicResult,
            ["ReusedData"] = d.ReusedData,
            ["Status"] = s.Status,
            ["ApplicantKind"] = s.ApplicantKind,
            ["ApplicantHash"] = s.ApplicantHash,
            [VersionedUpsert.VersionColumn] = version.UtcTicks,
        };
    }

    private static Dossier FromEntity(TableEntity e) => new(
        e.GetString("DossierId"), e.GetString("UnitCode"), e.GetString("ProcedureCode"), (Channel)(e.GetInt32("Channel") ?? 1),
        e.GetDateTimeOffset("ReceivedAt")!.Value, e.GetDateTimeOffset("DueAt"), e.GetDateTimeOffset("FinishedAt"), e.GetDateTimeOffset("PortalSyncedAt"),
        e.GetBoolean("FeeRequired") ?? false, e.GetBoolean("PaidOnline") ?? false, e.GetBoolean("Digitized") ?? false,
        e.GetBoolean("ElectronicResult") ?? false, e.GetBoolean("ReusedData") ?? false, e.GetDateTimeOffset("SubmittedAt"));
}

/// <summary>A stored dossier with what only the hub's views need beside the scoring fields: the portal status, the
/// applicant's keyed hash (for the registry join), the stored version and the procedure's name as the portal gave it.</summary>
public sealed record DossierSnapshotRow(Dossier Dossier, int Status, string? ApplicantHash, long Version, string? ProcedureName = null);
