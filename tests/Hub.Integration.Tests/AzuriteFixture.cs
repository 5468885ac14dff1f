using System.Net.Sockets;

namespace Hub.Integration.Tests;

/// <summary>The Azurite the test script started (scripts/test.sh exports HubStorage). Fails fast and clearly when it
/// is not there, instead of letting the SDK retry for a minute.</summary>
public sealed class AzuriteFixture
{
    public AzuriteFixture()
    {
        ConnectionString = Environment.GetEnvironmentVariable("HubStorage")
            ?? throw new InvalidOperationException("HubStorage is not set: run the tests with scripts/test.sh, which starts Azurite and sets it.");
        var table = ConnectionString.Split(';').Select(p => p.Split('=', 2)).Where(p => p[0] == "TableEndpoint").Select(p => new Uri(p[1])).FirstOrDefault()
            ?? new Uri("http://127.0.0.1:10002");
        using var tcp = new TcpClient();
        try { tcp.Connect(table.Host, table.Port); }
        catch (SocketException e) { throw new InvalidOperationException($"Azurite is not answering at {table}: {e.Message}. Start it with scripts/azurite-up.sh."); }
    }

    public string ConnectionString { get; }

    /// <summary>A fresh namespace: each test gets its own tables, containers and queues.</summary>
    public static string NewNamespace() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Deletes every table, container and queue of a namespace (the hub's own and its durable task hub's, whose
    /// names hold it too): an in-memory Azurite shared by the whole suite otherwise keeps every test's data to the end.</summary>
    public static async Task DeleteNamespaceAsync(string ns)
    {
        if (Environment.GetEnvironmentVariable("HubStorage") is not { } connection || ns.Length < 8) return;
        var tables = new Azure.Data.Tables.TableServiceClient(connection);
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(connection);
        var queues = new Azure.Storage.Queues.QueueServiceClient(connection);
        try
        {
            await foreach (var t in tables.QueryAsync()) if (t.Name.Contains(ns, StringComparison.OrdinalIgnoreCase)) await tables.DeleteTableAsync(t.Name);
            await foreach (var c in blobs.GetBlobContainersAsync()) if (c.Name.Contains(ns, StringComparison.Ordinal)) await blobs.DeleteBlobContainerAsync(c.Name);
            await foreach (var q in queues.GetQueuesAsync()) if (q.Name.Contains(ns, StringComparison.Ordinal)) await queues.DeleteQueueAsync(q.Name);
        }
        catch (Azure.RequestFailedException) { } // a test that stopped storage on purpose: nothing to tidy
    }

    public async Task<StorageClients> NewStorageAsync(string? ns = null)
    {
        var storage = StorageClients.FromConnectionString(ConnectionString, ns ?? NewNamespace());
        await storage.EnsureCreatedAsync();
        return storage;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
