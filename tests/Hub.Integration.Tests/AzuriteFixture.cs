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
