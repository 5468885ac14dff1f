using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Hub.Storage;

/// <summary>Clients for the hub's storage account, from the connection named "HubStorage": a connection string
/// locally (Azurite), or identity-based in Azure (HubStorage__blobServiceUri / __queueServiceUri / __tableServiceUri,
/// __credential=managedidentity, __clientId), the same shape the Functions host reads for its bindings.</summary>
public sealed class StorageClients
{
    public const string ConnectionName = "HubStorage";

    public StorageClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
    {
        Tables = tables;
        Blobs = blobs;
        Queues = queues;
    }

    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);
    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString)) return FromConnectionString(connectionString);

        var section = configuration.GetSection(ConnectionName);
        var blobUri = section["blobServiceUri"];
        var queueUri = section["queueServiceUri"];
        var tableUri = section["tableServiceUri"];
        if (blobUri is null || queueUri is null || tableUri is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string (Azurite locally), or " +
                $"'{ConnectionName}__blobServiceUri', '{ConnectionName}__queueServiceUri' and '{ConnectionName}__tableServiceUri' for a managed identity.");
        TokenCredential credential = section["credential"] == "managedidentity"
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(section["clientId"] ?? throw new InvalidOperationException($"'{ConnectionName}__clientId' is required with a managed identity.")))
            : new DefaultAzureCredential();
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, new TableClientOptions()),
            new BlobServiceClient(new Uri(blobUri), credential, new BlobClientOptions()),
            new QueueServiceClient(new Uri(queueUri), credential, QueueOptions()));
    }

    public static StorageClients FromConnectionString(string connectionString) =>
        new(new TableServiceClient(connectionString, new TableClientOptions()),
            new BlobServiceClient(connectionString, new BlobClientOptions()),
            new QueueServiceClient(connectionString, QueueOptions()));

    /// <summary>Base64 messages: what the Functions queue trigger expects.</summary>
    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        await Task.WhenAll(
            Task.WhenAll(StorageNames.Tables.Select(t => Tables.CreateTableIfNotExistsAsync(t, ct))),
            Task.WhenAll(StorageNames.Containers.Select(c => Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: ct))),
            Task.WhenAll(StorageNames.Queues.Select(q => Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: ct))));
    }
}
