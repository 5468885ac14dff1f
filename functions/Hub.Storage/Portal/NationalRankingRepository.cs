using Hub.Domain.Portal;

namespace Hub.Storage.Portal;

/// <summary>Every capture of the portal's national ranking, kept: table NationalRankings, partition = period, rows
/// capture|scope|code; the row capture|- is written after all of a capture's rows and is its commit point, so a capture
/// cut short by a crash is never read.</summary>
public sealed class NationalRankingRepository(StorageClients storage)
{
    private const string Commit = "-";
    private readonly TableClient _table = storage.Table(StorageNames.NationalRankingsTable);

    public async Task<int> SaveAsync(NationalRanking ranking, CancellationToken ct)
    {
        var rows = new[] { ("ministry", ranking.Ministries), ("province", ranking.Provinces), ("finance", ranking.FinanceDepartments) }
            .SelectMany(s => s.Item2.Select(d => new TableEntity(ranking.Period, Key(ranking.CaptureId, s.Item1, d.Code))
            {
                ["Scope"] = s.Item1, ["Code"] = d.Code, ["Name"] = d.Name, ["Total"] = d.Total, ["Rank"] = d.PublishedRank, ["ParentCode"] = d.ParentCode,
                ["Groups"] = JsonSerializer.Serialize(d.Groups),
            })).ToList();
        foreach (var chunk in rows.Chunk(100))
            await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        await _table.UpsertEntityAsync(new TableEntity(ranking.Period, Key(ranking.CaptureId, Commit, Commit)) { ["CapturedAt"] = ranking.CapturedAt, ["Rows"] = rows.Count },
            TableUpdateMode.Replace, ct);
        return rows.Count;
    }

    /// <summary>The latest complete capture of the period, or null.</summary>
    public async Task<NationalRanking?> LatestAsync(Period period, CancellationToken ct)
    {
        var all = await _table.ListPartitionAsync(period.ToString(), e => e, ct);
        var commit = all.Where(e => e.RowKey.EndsWith($"|{Commit}|{Commit}", StringComparison.Ordinal)).MaxBy(e => e.RowKey, StringComparer.Ordinal);
        if (commit is null) return null;
        var captureId = commit.RowKey.Split('|')[0];
        var rows = all.Where(e => e.RowKey.StartsWith(captureId + "|", StringComparison.Ordinal) && e != commit).ToList();
        List<RankedDepartment> Of(string scope) => rows.Where(e => e.GetString("Scope") == scope).Select(e => new RankedDepartment(
            e.GetString("Code"), e.GetString("Name"), e.GetDouble("Total") ?? 0, JsonSerializer.Deserialize<Dictionary<string, double>>(e.GetString("Groups"))!,
            e.GetInt32("Rank"), e.GetString("ParentCode"))).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        return new NationalRanking(period.ToString(), captureId, commit.GetDateTimeOffset("CapturedAt")!.Value, Of("ministry"), Of("province"), Of("finance"));
    }

    private static string Key(string captureId, string scope, string code) => TableKeys.Escape($"{captureId}|{scope}|{code}");
}
