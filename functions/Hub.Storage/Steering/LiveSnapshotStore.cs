using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Hub.Domain.Steering;

namespace Hub.Storage.Steering;

/// <summary>Live snapshots as blobs live/{period}/{unit}.json. A snapshot replaces the stored one only when it was
/// taken later (metadata asof, checked under the blob's ETag): two refreshes of a unit that race — a push and a pull —
/// leave the later one, never an earlier read that happened to finish last.</summary>
public sealed class LiveSnapshotStore(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string AsOfKey = "asof";
    private readonly BlobContainerClient _container = storage.Container(StorageNames.LiveContainer);

    public static string BlobName(Period period, string unitCode) => $"{period}/{Uri.EscapeDataString(unitCode)}.json";

    /// <summary>Stores the snapshot unless a later one is there; returns whether it was stored.</summary>
    public async Task<bool> SaveIfLaterAsync(LiveUnitSnapshot snapshot, CancellationToken ct)
    {
        var blob = _container.GetBlobClient(BlobName(snapshot.Period, snapshot.UnitCode));
        var content = new BinaryData(JsonSerializer.SerializeToUtf8Bytes(snapshot, Json));
        var metadata = new Dictionary<string, string> { [AsOfKey] = snapshot.AsOf.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            BlobRequestConditions conditions;
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
                if (properties.Metadata.TryGetValue(AsOfKey, out var stored) && long.TryParse(stored, out var ticks) && ticks > snapshot.AsOf.UtcTicks)
                    return false;
                conditions = new BlobRequestConditions { IfMatch = properties.ETag };
            }
            catch (RequestFailedException e) when (e.Status == 404) { conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }; }
            try
            {
                await blob.UploadAsync(content, new BlobUploadOptions { Metadata = metadata, Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412) { /* another refresh wrote meanwhile: decide again */ }
        }
        return false;
    }

    public async Task<LiveUnitSnapshot?> GetAsync(Period period, string unitCode, CancellationToken ct)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobName(period, unitCode)).DownloadContentAsync(ct);
            return content.Value.Content.ToObjectFromJson<LiveUnitSnapshot>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    /// <summary>When the unit's snapshot of the period was taken; null when there is none.</summary>
    public async Task<DateTimeOffset?> AsOfAsync(Period period, string unitCode, CancellationToken ct)
    {
        try
        {
            var properties = (await _container.GetBlobClient(BlobName(period, unitCode)).GetPropertiesAsync(cancellationToken: ct)).Value;
            return properties.Metadata.TryGetValue(AsOfKey, out var stored) && long.TryParse(stored, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    /// <summary>The snapshots of the given units (missing ones left out), read in parallel.</summary>
    public async Task<IReadOnlyList<LiveUnitSnapshot>> GetManyAsync(Period period, IEnumerable<string> unitCodes, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(16);
        var reads = unitCodes.Select(async code =>
        {
            await gate.WaitAsync(ct);
            try { return await GetAsync(period, code, ct); }
            finally { gate.Release(); }
        });
        return (await Task.WhenAll(reads)).Where(s => s is not null).Select(s => s!).ToList();
    }
}
