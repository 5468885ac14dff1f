using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Hub.Storage;

/// <summary>Clients for the hub's storage account (the connection named "HubStorage", registered with the other Azure
/// clients by AzureClientRegistration), with the optional namespace prefix of every name.</summary>
public sealed class StorageClients
{
    public const string ConnectionName = "HubStorage";

    public StorageClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, string? @namespace = null)
    {
        Tables = tables;
        Blobs = blobs;
        Queues = queues;
        Namespace = string.IsNullOrEmpty(@namespace) ? "" : ValidNamespace(@namespace);
    }

    /// <summary>Optional prefix of every table, container and queue name (setting StorageNamespace), so that several
    /// isolated hubs (test runs, say) can share one account. Empty in Azure: the Functions bindings use the plain names.</summary>
    public string Namespace { get; }

    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }

    public TableClient Table(string name) => Tables.GetTableClient(Namespace + name);
    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(Namespace.Length == 0 ? name : $"{Namespace}-{name}");
    public QueueClient Queue(string name) => Queues.GetQueueClient(Namespace.Length == 0 ? name : $"{Namespace}-{name}");

    private static string ValidNamespace(string ns) =>
        ns.Length <= 20 && char.IsAsciiLetterLower(ns[0]) && ns.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            ? ns
            : throw new InvalidOperationException($"StorageNamespace '{ns}' must be 1-20 lower-case letters and digits, starting with a letter.");

    public static StorageClients FromConnectionString(string connectionString, string? @namespace = null) =>
        new(new TableServiceClient(connectionString, new TableClientOptions()),
            new BlobServiceClient(connectionString, new BlobClientOptions()),
            new QueueServiceClient(connectionString, QueueOptions()), @namespace);

    /// <summary>Base64 messages: what the Functions queue trigger expects.</summary>
    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        await Task.WhenAll(
            Task.WhenAll(StorageNames.Tables.Select(t => Table(t).CreateIfNotExistsAsync(ct))),
            Task.WhenAll(StorageNames.Containers.Select(c => Container(c).CreateIfNotExistsAsync(cancellationToken: ct))),
            Task.WhenAll(StorageNames.Queues.Select(q => Queue(q).CreateIfNotExistsAsync(cancellationToken: ct))));
    }
}
