using Hub.Domain.Scoring;

namespace Hub.Storage.Scores;

/// <summary>Scores in Table Storage: Scores (partition = period, row = unit: the current scores of a period, one
/// partition read answers "the index of 2026-Q3") and ScoreHistory (partition = unit, row = period + run: every
/// scoring ever made of that unit, never overwritten).</summary>
public sealed class ScoreRepository(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _scores = storage.Table(StorageNames.ScoresTable);
    private readonly TableClient _history = storage.Table(StorageNames.ScoreHistoryTable);
    private readonly TableClient _provisional = storage.Table(StorageNames.ProvisionalScoresTable);

    /// <summary>A provisional run's scores, in their own table (partition = period, row = as-of time + unit): never in
    /// Scores or ScoreHistory, never published; every day's run kept, so a unit's trend inside the period can be drawn.</summary>
    public async Task SaveProvisionalAsync(IndexResult result, string runId, DateTimeOffset asOf, CancellationToken ct)
    {
        var stamp = AsOfKey(asOf);
        var rows = result.Units.Select(u => ToEntity(result, u, runId, asOf, result.Period, $"{stamp}|{TableKeys.Escape(u.Code)}")).ToList();
        foreach (var row in rows) row["AsOf"] = asOf;
        foreach (var chunk in rows.Chunk(100))
            await _provisional.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
    }

    /// <summary>Every provisional run of a period, oldest first: (as of, the units' scores).</summary>
    public async Task<IReadOnlyList<(DateTimeOffset AsOf, IReadOnlyList<StoredScore> Scores)>> GetProvisionalSeriesAsync(Period period, CancellationToken ct)
    {
        var all = await _provisional.ListPartitionAsync(period.ToString(), e => (AsOf: e.GetDateTimeOffset("AsOf")!.Value, Score: FromEntity(e)), ct);
        return all.GroupBy(x => x.AsOf).OrderBy(g => g.Key).Select(g => (g.Key, (IReadOnlyList<StoredScore>)g.Select(x => x.Score).OrderBy(x => x.Unit.Code, StringComparer.Ordinal).ToList())).ToList();
    }

    private static string AsOfKey(DateTimeOffset asOf) => asOf.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public async Task SaveAsync(IndexResult result, string runId, DateTimeOffset scoredAt, CancellationToken ct)
    {
        var current = result.Units.Select(u => ToEntity(result, u, runId, scoredAt, result.Period, TableKeys.Escape(u.Code))).ToList();
        foreach (var chunk in current.Chunk(100))
            await _scores.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);

        // History rows are keyed by run id: re-saving the same run is idempotent, a new run adds rows.
        foreach (var u in result.Units)
            await _history.UpsertEntityAsync(ToEntity(result, u, runId, scoredAt, TableKeys.Escape(u.Code), $"{result.Period}|{runId}"), TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<StoredScore>> GetPeriodAsync(Period period, CancellationToken ct) =>
        (await _scores.ListPartitionAsync(period.ToString(), FromEntity, ct)).OrderBy(s => s.Unit.Code, StringComparer.Ordinal).ToList();

    public async Task<StoredScore?> GetUnitAsync(Period period, string unitCode, CancellationToken ct)
    {
        var response = await _scores.GetEntityIfExistsAsync<TableEntity>(period.ToString(), TableKeys.Escape(unitCode), cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public Task<IReadOnlyList<StoredScore>> GetHistoryAsync(string unitCode, CancellationToken ct) =>
        _history.ListPartitionAsync(TableKeys.Escape(unitCode), FromEntity, ct);

    private static TableEntity ToEntity(IndexResult result, UnitResult u, string runId, DateTimeOffset scoredAt, string partition, string row) => new(partition, row)
    {
        ["Period"] = result.Period,
        ["UnitCode"] = u.Code,
        ["Methodology"] = result.Methodology,
        ["RunId"] = runId,
        ["ScoredAt"] = scoredAt,
        ["Total"] = u.Total,
        ["Band"] = u.Band,
        ["Rank"] = u.Rank,
        ["Result"] = JsonSerializer.Serialize(u, Json),
    };

    private static StoredScore FromEntity(TableEntity e) => new(
        e.GetString("Period"), e.GetString("Methodology"), e.GetString("RunId"), e.GetDateTimeOffset("ScoredAt")!.Value,
        JsonSerializer.Deserialize<UnitResult>(e.GetString("Result"), Json)!);
}

public sealed record StoredScore(string Period, string Methodology, string RunId, DateTimeOffset ScoredAt, UnitResult Unit);
