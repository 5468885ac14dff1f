using System.Text.Json;
using Azure.Data.Tables;
using Hub.Domain;
using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Storage;
using Hub.Storage.Evidence;
using Hub.Storage.Portal;
using Hub.Storage.Scores;

namespace Hub.Workflows.Comparisons;

/// <summary>What-if: re-scores a scored period under another catalog version from the evidence its latest run stored
/// (the same counts, another methodology), and keeps the comparison (table Comparisons, blob in runs/). Publications are
/// never touched.</summary>
public sealed class ComparisonService(ScoreRepository scores, UnitRepository units, EvidenceStore store, PortalEvaluationRepository portal, StorageClients storage, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Outcome(MethodologyComparison? Comparison, string? Blob, int Status, string? Problem);

    public async Task<Outcome> CompareAsync(Period period, string methodology, CancellationToken ct)
    {
        if (!IndexCatalogs.Versions.Contains(methodology))
            return new(null, null, 400, $"Unknown methodology '{methodology}' (available: {string.Join(", ", IndexCatalogs.Versions)}).");
        var stored = await scores.GetPeriodAsync(period, ct);
        if (stored.Count == 0) return new(null, null, 404, $"{period} has not been scored: there is nothing to compare.");
        var current = new IndexResult(period.ToString(), stored[0].Methodology, stored.Select(s => s.Unit).ToList());
        if (current.Methodology == methodology) return new(null, null, 400, $"{period} is already scored with {methodology}; name another methodology.");
        var runId = stored[0].RunId;
        var tree = await units.LoadTreeAsync(ct);
        var evidence = new List<UnitEvidence>();
        foreach (var u in tree.Units)
        {
            try { evidence.Add(await store.LoadEvidenceAsync(EvidenceStore.EvidenceBlob(period, runId, u.Code), ct)); }
            catch (Azure.RequestFailedException e) when (e.Status == 404) { return new(null, null, 409, $"The evidence of run {runId} is incomplete (unit {u.Code}); re-score {period} first."); }
        }
        var catalog = IndexCatalogs.Get(methodology);
        var inputs = (await portal.LatestAsync(period, ct))?.ToInputs() ?? PortalInputs.None;
        var other = IndexScorer.Score(period, catalog, tree, evidence, inputs);
        var comparison = MethodologyComparer.Compare(current, other, IndexCatalogs.Get(current.Methodology), catalog);
        var at = clock.GetUtcNow();
        var blob = $"{period}/comparisons/{methodology}-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json";
        await storage.Container(StorageNames.RunsContainer).GetBlobClient(blob).UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(comparison, Json)), overwrite: true, ct);
        await storage.Table(StorageNames.ComparisonsTable).UpsertEntityAsync(new TableEntity(period.ToString(), $"{methodology}|{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}")
        {
            ["From"] = current.Methodology, ["To"] = methodology, ["RunId"] = runId, ["Blob"] = blob, ["CreatedAt"] = at,
        }, TableUpdateMode.Replace, ct);
        return new(comparison, blob, 201, null);
    }

    /// <summary>The latest comparison stored for a period, if any (reports show it).</summary>
    public async Task<MethodologyComparison?> LatestAsync(Period period, CancellationToken ct)
    {
        var rows = await storage.Table(StorageNames.ComparisonsTable).ListPartitionAsync(period.ToString(), e => (At: e.GetDateTimeOffset("CreatedAt")!.Value, Blob: e.GetString("Blob")), ct);
        if (rows.Count == 0) return null;
        var latest = rows.MaxBy(r => r.At);
        var content = await storage.Container(StorageNames.RunsContainer).GetBlobClient(latest.Blob).DownloadContentAsync(ct);
        return content.Value.Content.ToObjectFromJson<MethodologyComparison>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }
}
