using Hub.Domain.Portal;

namespace Hub.Storage.Portal;

/// <summary>Every capture of the portal's evaluation, kept: PortalEvaluations (partition = period, row =
/// capture|unit|group) holds the rows; PortalCaptures (partition = period, row = capture id) is written after all of a
/// capture's rows, so it is the commit point — a capture cut short by a crash is never read.</summary>
public sealed class PortalEvaluationRepository(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _rows = storage.Table(StorageNames.PortalEvaluationsTable);
    private readonly TableClient _captures = storage.Table(StorageNames.PortalCapturesTable);

    public async Task<int> SaveAsync(PortalCapture capture, CancellationToken ct)
    {
        var entities = capture.Rows
            .GroupBy(r => (r.UnitCode, r.Group)).Select(g => g.Last()) // a unit repeated on two pages: the later page wins
            .Select(r => new TableEntity(capture.Period, RowKey(capture.CaptureId, r.UnitCode, r.Group))
            {
                ["UnitCode"] = r.UnitCode, ["DepartmentId"] = r.DepartmentId, ["ParentCode"] = r.ParentCode, ["Group"] = r.Group,
                ["GroupScore"] = r.GroupScore, ["GroupMax"] = r.GroupMax, ["Indicators"] = JsonSerializer.Serialize(r.Indicators, Json),
            }).ToList();
        foreach (var chunk in entities.Chunk(100))
            await _rows.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        await _captures.UpsertEntityAsync(new TableEntity(capture.Period, capture.CaptureId)
        {
            ["CapturedAt"] = capture.CapturedAt, ["Rows"] = entities.Count,
        }, TableUpdateMode.Replace, ct);
        return entities.Count;
    }

    /// <summary>Capture ids of a period, oldest first.</summary>
    public async Task<IReadOnlyList<(string Id, DateTimeOffset CapturedAt)>> ListCapturesAsync(Period period, CancellationToken ct) =>
        (await _captures.ListPartitionAsync(period.ToString(), e => (e.RowKey, e.GetDateTimeOffset("CapturedAt")!.Value), ct)).OrderBy(c => c.RowKey, StringComparer.Ordinal).ToList();

    public async Task<PortalCapture?> LatestAsync(Period period, CancellationToken ct)
    {
        var captures = await ListCapturesAsync(period, ct);
        return captures.Count == 0 ? null : await GetAsync(period, captures[^1].Id, captures[^1].CapturedAt, ct);
    }

    private async Task<PortalCapture> GetAsync(Period period, string captureId, DateTimeOffset capturedAt, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {period.ToString()} and RowKey ge {captureId + "|"} and RowKey lt {captureId + "}"}");
        var rows = new List<PortalEvaluationRow>();
        await foreach (var e in _rows.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            rows.Add(new PortalEvaluationRow(e.GetString("UnitCode"), e.GetString("DepartmentId"), e.GetString("ParentCode"), e.GetString("Group"),
                e.GetDouble("GroupScore"), e.GetDouble("GroupMax") ?? 0,
                JsonSerializer.Deserialize<List<PortalIndicatorFigure>>(e.GetString("Indicators"), Json) ?? []));
        return new PortalCapture(period.ToString(), captureId, capturedAt, rows);
    }

    private static string RowKey(string captureId, string unit, string group) => $"{captureId}|{TableKeys.Escape(unit)}|{group}";
}
