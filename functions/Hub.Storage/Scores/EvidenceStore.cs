using Azure.Storage.Blobs;
using Hub.Domain.Scoring;

namespace Hub.Storage.Scores;

/// <summary>Per-unit evidence and whole-run results of a scoring run, as blobs under runs/{period}/{runId}/.
/// Orchestrations pass these blob names around, never the data itself.</summary>
public sealed class EvidenceStore(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = storage.Container(StorageNames.RunsContainer);

    public static string EvidenceBlob(Period period, string runId, string unitCode) => $"{period}/{runId}/units/{Uri.EscapeDataString(unitCode)}.json";

    public static string ResultBlob(Period period, string runId) => $"{period}/{runId}/index.json";

    public async Task<string> SaveEvidenceAsync(Period period, string runId, UnitEvidence evidence, CancellationToken ct)
    {
        var name = EvidenceBlob(period, runId, evidence.UnitCode);
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(evidence, Json)), overwrite: true, ct);
        return name;
    }

    public async Task<UnitEvidence> LoadEvidenceAsync(string name, CancellationToken ct)
    {
        var content = await _container.GetBlobClient(name).DownloadContentAsync(ct);
        return content.Value.Content.ToObjectFromJson<UnitEvidence>(Json) ?? throw new InvalidDataException($"Evidence blob {name} is empty.");
    }

    /// <summary>The run's evidence of every given unit, 16 reads at once; a unit without evidence is null (the roll-up
    /// refuses to score without it; a report or a breakdown leaves the unit out).</summary>
    public async Task<IReadOnlyList<(string UnitCode, UnitEvidence? Evidence)>> LoadEvidenceOfAsync(Period period, string runId, IEnumerable<string> unitCodes, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(16);
        var loads = unitCodes.Select(async code =>
        {
            await gate.WaitAsync(ct);
            try { return (code, (UnitEvidence?)await LoadEvidenceAsync(EvidenceBlob(period, runId, code), ct)); }
            catch (Azure.RequestFailedException e) when (e.Status == 404) { return (code, null); }
            finally { gate.Release(); }
        });
        return await Task.WhenAll(loads);
    }

    public async Task<string> SaveResultAsync(Period period, string runId, IndexResult result, CancellationToken ct)
    {
        var name = ResultBlob(period, runId);
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(result, Json)), overwrite: true, ct);
        return name;
    }

    public async Task<IndexResult> LoadResultAsync(string name, CancellationToken ct)
    {
        var content = await _container.GetBlobClient(name).DownloadContentAsync(ct);
        return content.Value.Content.ToObjectFromJson<IndexResult>(Json) ?? throw new InvalidDataException($"Result blob {name} is empty.");
    }
}
