using Hub.Domain.Publications;
using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Hub.Storage.Publications;

/// <summary>Publications: files under reports/{period}/v{n}/ written once (If-None-Match: *), the record in the
/// Publications table (partition = period, row = v{n:D4}, added, never replaced), then reports/{period}/latest.json.
/// A re-publication whose scores were identical makes no version but is recorded too (row = request-{run id}): who
/// asked, when and why stays on file.</summary>
public sealed class PublicationRepository(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly TableClient _table = storage.Table(StorageNames.PublicationsTable);
    private readonly BlobContainerClient _reports = storage.Container(StorageNames.ReportsContainer);

    private const string RequestRowPrefix = "request-";

    public async Task<IReadOnlyList<Publication>> ListAsync(Period period, CancellationToken ct) => (await HistoryAsync(period, ct)).Versions;

    /// <summary>A period's versions, oldest first, and the requests that published nothing new, from one read of its partition.</summary>
    public async Task<(IReadOnlyList<Publication> Versions, IReadOnlyList<UnchangedRepublication> Unchanged)> HistoryAsync(Period period, CancellationToken ct)
    {
        var rows = await _table.ListPartitionAsync(period.ToString(), e => e, ct);
        return (rows.Where(IsVersion).Select(FromEntity).OrderBy(p => p.Version).ToList(),
            rows.Where(e => !IsVersion(e)).Select(e => new UnchangedRepublication(e.PartitionKey, e.RowKey[RequestRowPrefix.Length..], e.GetDateTimeOffset("RequestedAt")!.Value,
                e.GetString("RequestedBy"), e.GetString("Reason"), e.GetInt32("SameAsVersion") ?? 0, e.GetString("ContentHash"))).OrderBy(r => r.RequestedAt).ToList());
    }

    /// <summary>Records a request that published nothing new (idempotent: a retry of the same run writes the same row).</summary>
    public async Task RecordUnchangedAsync(UnchangedRepublication request, CancellationToken ct) =>
        await _table.UpsertEntityAsync(new TableEntity(request.Period, RequestRowPrefix + request.RunId)
        {
            ["RequestedAt"] = request.RequestedAt, ["RequestedBy"] = request.RequestedBy, ["Reason"] = request.Reason,
            ["SameAsVersion"] = request.SameAsVersion, ["ContentHash"] = request.ContentHash,
        }, TableUpdateMode.Replace, ct);

    private static bool IsVersion(TableEntity e) => !e.RowKey.StartsWith(RequestRowPrefix, StringComparison.Ordinal);

    public async Task<Publication?> LatestAsync(Period period, CancellationToken ct) => (await ListAsync(period, ct)).LastOrDefault();

    /// <summary>The latest version of every published period.</summary>
    public async Task<IReadOnlyList<Publication>> LatestOfEveryPeriodAsync(CancellationToken ct)
    {
        var all = new List<Publication>();
        await foreach (var e in _table.QueryAsync<TableEntity>(cancellationToken: ct)) if (IsVersion(e)) all.Add(FromEntity(e));
        return all.GroupBy(p => p.Period).Select(g => g.MaxBy(p => p.Version)!).OrderBy(p => p.Period, StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes version n. Files first, then the record, which is the commit point: a version exists once its
    /// record does, and is never changed after. Files found without a record are the orphans of an attempt that
    /// crashed before committing, and are replaced.</summary>
    public async Task<Publication> AddAsync(Publication publication, IReadOnlyList<ReportFile> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var blob = _reports.GetBlobClient($"{publication.Folder}/{file.Name}");
            try
            {
                await blob.UploadAsync(new BinaryData(file.Content), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, ct);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                if (await RecordExistsAsync(publication, ct))
                    throw new InvalidOperationException($"Publication {publication.Folder} is already recorded; published versions are immutable.");
                await blob.UploadAsync(new BinaryData(file.Content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType } }, ct);
            }
        }
        await _table.AddEntityAsync(new TableEntity(publication.Period, $"v{publication.Version:D4}")
        {
            ["Version"] = publication.Version, ["PublishedAt"] = publication.PublishedAt, ["PublishedBy"] = publication.PublishedBy,
            ["Reason"] = publication.Reason, ["Methodology"] = publication.Methodology, ["ContentHash"] = publication.ContentHash,
            ["RunId"] = publication.RunId, ["Files"] = string.Join('\n', publication.Files),
        }, ct);
        var pointer = JsonSerializer.SerializeToUtf8Bytes(new { publication.Period, publication.Version, Folder = $"{StorageNames.ReportsContainer}/{publication.Folder}/", publication.ContentHash, publication.PublishedAt }, Json);
        await _reports.GetBlobClient($"{publication.Period}/latest.json").UploadAsync(new BinaryData(pointer),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, ct);
        return publication;
    }

    private async Task<bool> RecordExistsAsync(Publication publication, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(publication.Period, $"v{publication.Version:D4}", ["Version"], ct)).HasValue;

    /// <summary>A published file with its ETag and content type, or null when there is none.</summary>
    public async Task<(byte[] Content, string ETag, string ContentType)?> TryReadFileAsync(string path, CancellationToken ct)
    {
        try
        {
            var content = (await _reports.GetBlobClient(path).DownloadContentAsync(ct)).Value;
            return (content.Content.ToArray(), content.Details.ETag.ToString("H"), content.Details.ContentType);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<byte[]> ReadFileAsync(string path, CancellationToken ct) =>
        (await _reports.GetBlobClient(path).DownloadContentAsync(ct)).Value.Content.ToArray();

    private static Publication FromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetInt32("Version") ?? 0, e.GetDateTimeOffset("PublishedAt")!.Value, e.GetString("PublishedBy"), e.GetString("Reason"),
        e.GetString("Methodology"), e.GetString("ContentHash"), e.GetString("RunId"), (e.GetString("Files") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
