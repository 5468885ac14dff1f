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

    /// <summary>Creates every table, container and queue that does not exist yet (idempotent: infra/ creates them in
    /// Azure too, and several instances may start at once); returns the names it created.</summary>
    public async Task<IReadOnlyList<string>> EnsureCreatedAsync(CancellationToken ct = default)
    {
        var missing = await MissingAsync(ct);
        await Task.WhenAll(
            Task.WhenAll(missing.Tables.Select(t => Tables.GetTableClient(t).CreateIfNotExistsAsync(ct))),
            Task.WhenAll(missing.Containers.Select(c => Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: ct))),
            Task.WhenAll(missing.Queues.Select(q => Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: ct))));
        return [.. missing.Tables, .. missing.Containers, .. missing.Queues];
    }

    /// <summary>The tables, containers and queues of the hub that do not exist, by their full names: three listings
    /// (one request each for an account of the hub's size), whatever the number of names.</summary>
    public async Task<StorageInventory> MissingAsync(CancellationToken ct = default)
    {
        var tables = ListAsync(Tables.QueryAsync(cancellationToken: ct), t => t.Name, ct);
        var containers = ListAsync(Blobs.GetBlobContainersAsync(prefix: Namespace.Length == 0 ? null : Namespace + "-", cancellationToken: ct), c => c.Name, ct);
        var queues = ListAsync(Queues.GetQueuesAsync(prefix: Namespace.Length == 0 ? null : Namespace + "-", cancellationToken: ct), q => q.Name, ct);
        var (haveTables, haveContainers, haveQueues) = (await tables, await containers, await queues);
        return new StorageInventory(
            StorageNames.Tables.Select(t => Table(t).Name).Where(n => !haveTables.Contains(n)).ToList(),
            StorageNames.Containers.Select(c => Container(c).Name).Where(n => !haveContainers.Contains(n)).ToList(),
            StorageNames.Queues.Select(q => Queue(q).Name).Where(n => !haveQueues.Contains(n)).ToList());
    }

    private static async Task<HashSet<string>> ListAsync<T>(Azure.AsyncPageable<T> items, Func<T, string> name, CancellationToken ct) where T : notnull
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in items.WithCancellation(ct)) names.Add(name(item));
        return names;
    }
}

/// <summary>What a storage account lacks of the hub's tables, containers and queues (full names, namespace included).</summary>
public sealed record StorageInventory(IReadOnlyList<string> Tables, IReadOnlyList<string> Containers, IReadOnlyList<string> Queues)
{
    public bool Complete => Tables.Count == 0 && Containers.Count == 0 && Queues.Count == 0;

    public IEnumerable<string> All => Tables.Select(t => $"table {t}").Concat(Containers.Select(c => $"container {c}")).Concat(Queues.Select(q => $"queue {q}"));
}
