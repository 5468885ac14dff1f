using Hub.Domain.Evidence;
using System.Text.Json;
using Hub.Sources.Common;
using Hub.Sources.Registries;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>The population database's sharing log, one work item per unit.</summary>
public sealed class PopulationSharingSource(PopulationClient client, RegistryMapper mapper, SharingLogRepository log, KnownUnits known) : FeedSource<SharingRecord>(known, perUnit: true)
{
    public const string SourceName = "population-sharing";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetSharingLogAsync(Scope(scope), cursor, ct);
    protected override MapResult<SharingRecord> Map(JsonElement record) => mapper.MapPopulation(record);
    protected override string? UnitOf(SharingRecord value) => value.UnitCode;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<SharingRecord>> records, CancellationToken ct) =>
        log.UpsertAsync(records.Select(r => (r.Value!, r.Version)), ct);
}

/// <summary>The business registry's sharing log and enterprise status, one work item per unit.</summary>
public sealed class BusinessSharingSource(BusinessClient client, RegistryMapper mapper, SharingLogRepository log, KnownUnits known) : FeedSource<SharingRecord>(known, perUnit: true)
{
    public const string SourceName = "business-sharing";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetSharingLogAsync(Scope(scope), cursor, ct);
    protected override MapResult<SharingRecord> Map(JsonElement record) => mapper.MapBusiness(record);
    protected override string? UnitOf(SharingRecord value) => value.UnitCode;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<SharingRecord>> records, CancellationToken ct) =>
        log.UpsertAsync(records.Select(r => (r.Value!, r.Version)), ct);
}
