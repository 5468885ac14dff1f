namespace Hub.Domain.Evidence;

/// <summary>A dossier (hồ sơ): one application handled by a unit, in its latest known version.</summary>
public sealed record Dossier(
    string Id,
    string UnitCode,
    string ProcedureCode,
    Channel Channel,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? PortalSyncedAt,
    bool FeeRequired,
    bool PaidOnline,
    bool Digitized,
    bool ElectronicResult,
    bool ReusedData);
