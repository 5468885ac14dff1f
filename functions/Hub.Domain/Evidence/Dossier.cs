namespace Hub.Domain.Evidence;

/// <summary>A dossier (hồ sơ): one application handled by a unit, in its latest known version.
/// SubmittedAt is the portal's NgayNopHoSo (when the applicant filed it; ReceivedAt, NgayTiepNhan, is when the unit
/// accepted it): null when the source does not say.</summary>
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
    bool ReusedData,
    DateTimeOffset? SubmittedAt = null);
