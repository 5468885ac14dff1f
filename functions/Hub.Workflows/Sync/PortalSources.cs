using System.Text.Json;
using Hub.Domain.Evidence;
using Hub.Domain.Units;
using Hub.Sources.Common;
using Hub.Sources.Portal;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>The portal's agency catalogue: the unit tree.</summary>
public sealed class PortalAgenciesSource(PortalClient client, PortalMapper mapper, UnitRepository units, KnownUnits known) : FeedSource<Unit>(known, perUnit: false)
{
    public const string SourceName = "portal-agencies";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetAgenciesAsync(cursor, ct);
    protected override MapResult<Unit> Map(JsonElement record) => mapper.MapAgency(record);
    protected override string? UnitOf(Unit value) => null;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<Unit>> records, CancellationToken ct) =>
        units.UpsertAsync(records.Select(r => (r.Value!, r.Version)), ct);
}

/// <summary>The national procedure database, as served by the portal.</summary>
public sealed class PortalProceduresSource(PortalClient client, PortalMapper mapper, ProcedureRepository procedures, KnownUnits known) : FeedSource<Procedure>(known, perUnit: false)
{
    public const string SourceName = "portal-procedures";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetProceduresAsync(Scope(scope), cursor, ct);
    protected override MapResult<Procedure> Map(JsonElement record) => mapper.MapProcedure(record);
    protected override string? UnitOf(Procedure value) => value.UnitCode;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<Procedure>> records, CancellationToken ct) =>
        procedures.UpsertAsync(records.Select(r => (r.Value!, r.Version)), ct);
}

/// <summary>Dossier sync records, one work item per unit.</summary>
public sealed class PortalDossiersSource(PortalClient client, PortalMapper mapper, DossierRepository dossiers, KnownUnits known) : FeedSource<DossierSnapshot>(known, perUnit: true)
{
    public const string SourceName = "portal-dossiers";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetDossiersAsync(Scope(scope), cursor, ct);
    protected override MapResult<DossierSnapshot> Map(JsonElement record) => mapper.MapDossier(record);
    protected override string? UnitOf(DossierSnapshot value) => value.Dossier.UnitCode;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<DossierSnapshot>> records, CancellationToken ct) =>
        dossiers.UpsertAsync(records.Select(r => (r.Value!, r.Version)), ct);
}

/// <summary>Satisfaction ratings, one work item per unit.</summary>
public sealed class PortalRatingsSource(PortalClient client, PortalMapper mapper, RatingRepository ratings, KnownUnits known) : FeedSource<Rating>(known, perUnit: true)
{
    public const string SourceName = "portal-ratings";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetRatingsAsync(Scope(scope), cursor, ct);
    protected override MapResult<Rating> Map(JsonElement record) => mapper.MapRating(record);
    protected override string? UnitOf(Rating value) => value.UnitCode;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<Rating>> records, CancellationToken ct) =>
        ratings.UpsertAsync(records.Select(r => (r.Id!, r.Value!, r.Version)), ct);
}

/// <summary>Feedback and petitions (PAKN), one work item per unit.</summary>
public sealed class PortalFeedbackSource(PortalClient client, PortalMapper mapper, FeedbackRepository feedback, KnownUnits known) : FeedSource<FeedbackItem>(known, perUnit: true)
{
    public const string SourceName = "portal-feedback";
    public override string Name => SourceName;
    public override string? ConfigurationProblem => client.CredentialProblem;
    public override Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct) => client.GetFeedbackAsync(Scope(scope), cursor, ct);
    protected override MapResult<FeedbackItem> Map(JsonElement record) => mapper.MapFeedback(record);
    protected override string? UnitOf(FeedbackItem value) => value.UnitCode;
    protected override Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<FeedbackItem>> records, CancellationToken ct) =>
        feedback.UpsertAsync(records.Select(r => (r.Value!, r.Version)), ct);
}
