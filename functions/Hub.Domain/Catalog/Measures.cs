namespace Hub.Domain.Catalog;

/// <summary>The counting rules the engine knows. A catalog indicator names one (or, for a composite, several);
/// new catalog versions combine these without code changes. Each is a numerator/denominator pair per unit.</summary>
public static class Measures
{
    public const string ProceduresPublishedOnTime = "procedures.publishedOnTime";
    public const string ProceduresComplete = "procedures.complete";
    public const string ProceduresOfferedOnline = "procedures.offeredOnline";
    public const string ProceduresOnlineInUse = "procedures.onlineInUse";
    public const string DossiersSyncedInTime = "dossiers.syncedInTime";
    public const string DossiersFinishedOnTime = "dossiers.finishedOnTime";
    public const string DossiersHandledOnTime = "dossiers.handledOnTime";
    public const string DossiersOpenNotOverdue = "dossiers.openNotOverdue";
    public const string DossiersFiledOnline = "dossiers.filedOnline";
    public const string DossiersPaidOnline = "dossiers.paidOnline";
    public const string DossiersDigitizedAtReception = "dossiers.digitizedAtReception";
    public const string DossiersElectronicResult = "dossiers.electronicResult";
    public const string DossiersReusedData = "dossiers.reusedData";
    public const string FeedbackAnsweredOnTime = "feedback.answeredOnTime";
    public const string RatingsSatisfied = "ratings.satisfied";

    /// <summary>All measures, in a fixed order (their index is their slot in a counter array).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ProceduresPublishedOnTime, ProceduresComplete, ProceduresOfferedOnline, ProceduresOnlineInUse,
        DossiersSyncedInTime, DossiersFinishedOnTime, DossiersHandledOnTime, DossiersOpenNotOverdue, DossiersFiledOnline, DossiersPaidOnline,
        DossiersDigitizedAtReception, DossiersElectronicResult, DossiersReusedData,
        FeedbackAnsweredOnTime, RatingsSatisfied,
    ];

    private static readonly Dictionary<string, int> Slots = All.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);

    /// <summary>Prefix of a measure the hub cannot count from its own records and takes from the portal's published
    /// evaluation (its latest capture for the unit and period): <c>portal.DOSSIER_SYNC</c>.</summary>
    public const string PortalPrefix = "portal.";

    public static bool IsPortal(string measure) => measure.StartsWith(PortalPrefix, StringComparison.Ordinal) && measure.Length > PortalPrefix.Length;

    /// <summary>The portal's indicator code of a portal measure.</summary>
    public static string PortalCode(string measure) => measure[PortalPrefix.Length..];

    public static bool IsKnown(string measure) => Slots.ContainsKey(measure) || IsPortal(measure);

    public static int SlotOf(string measure) => Slots.TryGetValue(measure, out var slot) ? slot : throw new DomainException($"Unknown measure '{measure}'.");
}
