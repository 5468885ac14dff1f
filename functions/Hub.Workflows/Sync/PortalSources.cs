using System.Text.Json;
using Hub.Domain.Evidence;
using Hub.Domain.Units;
using Hub.Sources.Common;
using Hub.Sources.Portal;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>Shared page handling: map every record, keep the good, report the bad with their reasons.</summary>
public abstract class PortalSourceBase<T>(PortalClient client) : ISyncSource where T : class
{
    protected PortalClient Client { get; } = client;

    public abstract string Name { get; }

    public virtual Task<IReadOnlyList<string>> ScopesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["*"]);

    public abstract Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct);

    protected abstract MapResult<T> Map(JsonElement record);

    /// <summary>Checks that need the hub's own data (for example: is the unit known?). Null when fine.</summary>
    protected virtual Task<Func<T, string?>> CheckerAsync(CancellationToken ct) => Task.FromResult<Func<T, string?>>(_ => null);

    protected abstract Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<(T Value, DateTimeOffset Version)> records, CancellationToken ct);

    public async Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct)
    {
        var check = await CheckerAsync(ct);
        var good = new List<(T, DateTimeOffset)>();
        var bad = new List<BadRecord>();
        for (var i = 0; i < page.Records.Count; i++)
        {
            var mapped = Map(page.Records[i]);
            var problem = mapped.Error ?? check(mapped.Value!);
            if (problem is null) good.Add((mapped.Value!, mapped.Version));
            else bad.Add(new BadRecord(i, mapped.Id, problem));
        }
        var outcome = good.Count > 0 ? await StoreAsync(good, ct) : new VersionedUpsert.Outcome(0, 0);
        DateTimeOffset? newest = good.Count > 0 ? good.Max(g => g.Item2) : null;
        return new PageResult(outcome.Stored, outcome.Stale, bad, newest);
    }

    protected static string? Scope(string scope) => scope == "*" ? null : scope;
}

/// <summary>The portal's agency catalogue: the unit tree.</summary>
public sealed class PortalAgenciesSource(PortalClient client, PortalMapper mapper, UnitRepository units) : PortalSourceBase<Unit>(client)
{
    public const string SourceName = "portal-agencies";
    public override string Name => SourceName;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => Client.GetAgenciesAsync(cursor, ct);
    protected override MapResult<Unit> Map(JsonElement record) => mapper.MapAgency(record);
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<(Unit Value, DateTimeOffset Version)> records, CancellationToken ct) => units.UpsertAsync(records, ct);
}

/// <summary>The national procedure database, as served by the portal.</summary>
public sealed class PortalProceduresSource(PortalClient client, PortalMapper mapper, ProcedureRepository procedures, KnownUnits knownUnits) : PortalSourceBase<Procedure>(client)
{
    public const string SourceName = "portal-procedures";
    public override string Name => SourceName;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => Client.GetProceduresAsync(Scope(scope), cursor, ct);
    protected override MapResult<Procedure> Map(JsonElement record) => mapper.MapProcedure(record);
    protected override async Task<Func<Procedure, string?>> CheckerAsync(CancellationToken ct)
    {
        var units = await knownUnits.GetAsync(ct);
        return p => units.Contains(p.UnitCode) ? null : $"unknown unit '{p.UnitCode}' (MaDonVi)";
    }
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<(Procedure Value, DateTimeOffset Version)> records, CancellationToken ct) => procedures.UpsertAsync(records, ct);
}

/// <summary>Dossier sync records, one work item per unit.</summary>
public sealed class PortalDossiersSource(PortalClient client, PortalMapper mapper, DossierRepository dossiers, KnownUnits knownUnits) : PortalSourceBase<DossierSnapshot>(client)
{
    public const string SourceName = "portal-dossiers";
    public override string Name => SourceName;

    public override async Task<IReadOnlyList<string>> ScopesAsync(CancellationToken ct)
    {
        var units = await knownUnits.GetAsync(ct);
        return units.Count == 0 ? ["*"] : units.Order(StringComparer.Ordinal).ToList();
    }

    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => Client.GetDossiersAsync(Scope(scope), cursor, ct);
    protected override MapResult<DossierSnapshot> Map(JsonElement record) => mapper.MapDossier(record);
    protected override async Task<Func<DossierSnapshot, string?>> CheckerAsync(CancellationToken ct)
    {
        var units = await knownUnits.GetAsync(ct);
        return d => units.Contains(d.Dossier.UnitCode) ? null : $"unknown unit '{d.Dossier.UnitCode}' (MaDonVi/DonViXuLy)";
    }
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<(DossierSnapshot Value, DateTimeOffset Version)> records, CancellationToken ct) => dossiers.UpsertAsync(records, ct);
}
