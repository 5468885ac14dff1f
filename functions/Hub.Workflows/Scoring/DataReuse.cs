using Hub.Sources.Registries;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Scoring;

/// <summary>"Data reused, not asked again" (indicator 4.3): a dossier counts when the portal flags it, or when the
/// handling unit looked its applicant up in the population or business registry for that very dossier and found
/// them. The join is on dossier id and the applicant's keyed hash: neither side is ever in clear.</summary>
public sealed class DataReuse(IEnumerable<SharingRecord> unitLookups)
{
    private readonly HashSet<(string DossierId, string SubjectHash)> _found =
        unitLookups.Where(r => r.Found).Select(r => (r.DossierId, r.SubjectHash)).ToHashSet();

    public bool Applies(DossierSnapshotRow row) =>
        row.Dossier.ReusedData || (row.ApplicantHash is { } hash && _found.Contains((row.Dossier.Id, hash)));
}
