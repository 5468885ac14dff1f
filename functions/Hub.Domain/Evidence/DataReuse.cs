namespace Hub.Domain.Evidence;

/// <summary>"Data reused, not asked again" (indicator 4.3), decided here and nowhere else: a dossier counts when the
/// portal flags it (the applicant's account was verified with VNeID, or the dossier lists a national database it was
/// connected to), or when the handling unit looked its applicant up in the population or business registry for that
/// very dossier and found them. The join is on dossier id and the applicant's keyed hash: neither side is in clear.</summary>
public sealed class DataReuse(IEnumerable<SharingRecord> unitLookups)
{
    private readonly HashSet<(string DossierId, string SubjectHash)> _found =
        unitLookups.Where(r => r.Found).Select(r => (r.DossierId, r.SubjectHash)).ToHashSet();

    /// <summary>The portal's own flags, read when the dossier is mapped (Dossier.ReusedData).</summary>
    public static bool FlaggedByPortal(bool verifiedWithVneid, bool connectedToNationalDatabase) => verifiedWithVneid || connectedToNationalDatabase;

    public bool Applies(Dossier dossier, string? applicantHash) =>
        dossier.ReusedData || (applicantHash is { } hash && _found.Contains((dossier.Id, hash)));
}
