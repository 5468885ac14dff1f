namespace Hub.Domain.Steering;

/// <summary>The lists a unit head acts on before the period closes (what the national portal sends provinces monthly:
/// dossiers overdue and accepted late), refreshed by every sync.</summary>
public enum WatchKind
{
    /// <summary>Past its due date (NgayHenTra) and not finished; a dossier returned to the applicant is not (the clock waits).</summary>
    Overdue,
    /// <summary>Not finished, due within the configured number of hours.</summary>
    DueSoon,
    /// <summary>Finished in the period, after its due date.</summary>
    FinishedLate,
    /// <summary>Received in the period more than the allowed time after it was filed (NgayNopHoSo to NgayTiepNhan).</summary>
    AcceptedLate,
    /// <summary>Waiting for the applicant's supplement (TrangThaiHoSo 5, Yêu cầu bổ sung giấy tờ).</summary>
    ReturnedForSupplement,
}

public static class WatchKinds
{
    public static readonly IReadOnlyList<WatchKind> All = Enum.GetValues<WatchKind>();

    /// <summary>The name in the API and the exports: overdue, due-soon, finished-late, accepted-late, returned.</summary>
    public static string Name(this WatchKind kind) => kind switch
    {
        WatchKind.Overdue => "overdue",
        WatchKind.DueSoon => "due-soon",
        WatchKind.FinishedLate => "finished-late",
        WatchKind.AcceptedLate => "accepted-late",
        WatchKind.ReturnedForSupplement => "returned",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The Vietnamese heading of the list (exports, reports).</summary>
    public static string Title(this WatchKind kind) => kind switch
    {
        WatchKind.Overdue => "Hồ sơ quá hạn",
        WatchKind.DueSoon => "Hồ sơ sắp đến hạn",
        WatchKind.FinishedLate => "Hồ sơ giải quyết trễ hạn",
        WatchKind.AcceptedLate => "Hồ sơ tiếp nhận muộn",
        WatchKind.ReturnedForSupplement => "Hồ sơ yêu cầu bổ sung",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out WatchKind kind)
    {
        foreach (var k in All)
            if (string.Equals(k.Name(), text, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        kind = default;
        return false;
    }
}
