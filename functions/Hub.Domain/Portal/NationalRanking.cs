namespace Hub.Domain.Portal;

/// <summary>One capture of the portal's national picture for a period: the ranking of the ministries, the ranking of
/// the 34 provinces, and the row of each province's Finance Department (they sit under their provinces in the portal's
/// tree, not under the Ministry). Every capture is kept; a report uses one.</summary>
public sealed record NationalRanking(string Period, string CaptureId, DateTimeOffset CapturedAt,
    IReadOnlyList<RankedDepartment> Ministries, IReadOnlyList<RankedDepartment> Provinces, IReadOnlyList<RankedDepartment> FinanceDepartments)
{
    /// <summary>The portal's six groups, in its order.</summary>
    public static readonly IReadOnlyList<string> Groups = ["CKMB", "TDGQ", "ONLINE", "TTTT", "MDSH", "MDHL"];

    public NationalOverview MinistriesOverview => NationalFigure.Compute(Ministries, Groups);

    public NationalOverview ProvincesOverview => NationalFigure.Compute(Provinces, Groups);

    public NationalOverview FinanceDepartmentsOverview => NationalFigure.Compute(FinanceDepartments, Groups);

    /// <summary>A ministry's place among the ministries (1 = highest total), or null when it is not in the capture.</summary>
    public (RankedDepartment Ministry, int Rank, int Of)? Standing(string ministryCode) =>
        MinistriesOverview.Ranking.FirstOrDefault(r => r.Department.Code == ministryCode) is { Department: not null } found
            ? (found.Department, found.Rank, Ministries.Count)
            : null;
}
