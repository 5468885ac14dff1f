using Hub.Domain.Evidence;

namespace Hub.Domain.Steering;

/// <summary>What a watch list shows of a dossier, and nothing more: its code, procedure, channel, status and times.
/// Never the applicant (no name, no id, not even the keyed hash).</summary>
public sealed record WatchDossier(
    string Id,
    string UnitCode,
    string ProcedureCode,
    string? ProcedureName,
    Channel Channel,
    int Status,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>TrangThaiHoSo 5, Yêu cầu bổ sung giấy tờ: back with the applicant.</summary>
    public const int SupplementRequested = 5;

    /// <summary>Statuses that end processing even when the source gives no end time: not received (3), withdrawn (7),
    /// stopped (8), processed (9), result returned (10).</summary>
    private static readonly int[] Closed = [3, 7, 8, 9, 10];

    public bool IsOpen => FinishedAt is null && Array.IndexOf(Closed, Status) < 0;

    public bool IsReturned => IsOpen && Status == SupplementRequested;

    public static WatchDossier From(Dossier d, int status, string? procedureName) =>
        new(d.Id, d.UnitCode, d.ProcedureCode, procedureName, d.Channel, status, d.SubmittedAt, d.ReceivedAt, d.DueAt, d.FinishedAt);
}
