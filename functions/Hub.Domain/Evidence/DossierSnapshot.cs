
namespace Hub.Domain.Evidence;

/// <summary>A dossier as the hub keeps it: the scoring fields, the portal status and the applicant as a keyed hash only.</summary>
public sealed record DossierSnapshot(Dossier Dossier, int Status, int? ApplicantKind, string? ApplicantHash, string? ProcedureName);
