using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Hub.Storage.Sync;

/// <summary>Raw source pages, already stripped of clear personal data, kept for lineage:
/// raw/{source}/{scope}/{cursor-hash}.json. The name derives from the request, so re-fetching a page overwrites
/// its own archive instead of piling up copies.</summary>
public sealed class RawArchive(StorageClients storage)
{
    private readonly BlobContainerClient _container = storage.Container(StorageNames.RawContainer);

    public async Task<string> SaveAsync(string source, string scope, string? cursor, byte[] redactedPage, CancellationToken ct)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cursor ?? "")))[..16];
        var name = $"{source}/{Uri.EscapeDataString(scope)}/{key}.json";
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(redactedPage),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, ct);
        return $"{StorageNames.RawContainer}/{name}";
    }
}
