namespace Hub.Domain.Evidence;

/// <summary>A look-up in a national registry on behalf of a dossier: the evidence that data was reused instead of
/// asked again. The subject (citizen id or enterprise code) is kept only as a keyed hash, the same hash the dossier's
/// applicant gets, so the two join without either being stored in clear.</summary>
public sealed record SharingRecord(string Registry, string RequestId, string UnitCode, string DossierId, string SubjectHash, bool Found, DateTimeOffset At, int? EnterpriseStatus)
{
    public const string Population = "population";
    public const string Business = "business";
}
