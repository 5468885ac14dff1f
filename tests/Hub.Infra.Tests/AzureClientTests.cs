using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Hub.Storage;
using Hub.Workflows;
using Hub.Workflows.AzureClients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Infra.Tests;

/// <summary>Every Azure client comes from AddAzureClients with one credential rule, on the Functions host's naming of
/// identity-based connections (as infra/ sets them).</summary>
public class AzureClientTests
{
    private static IConfigurationSection Section(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"C:{v.Key}", v.Value))).Build().GetSection("C");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_client_id_means_the_system_assigned_identity_not_an_empty_id(string? clientId) =>
        Assert.IsType<ManagedIdentityCredential>(AzureCredentials.For(Section(("credential", "managedidentity"), ("clientId", clientId))));

    [Fact]
    public void Managed_identity_with_a_client_id_and_a_developer_sign_in_otherwise()
    {
        Assert.IsType<ManagedIdentityCredential>(AzureCredentials.For(Section(("credential", "managedidentity"), ("clientId", "00000000-0000-0000-0000-000000000001"))));
        Assert.IsType<DefaultAzureCredential>(AzureCredentials.For(Section(("clientId", ""))));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddHubAzureClients(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Storage_from_a_connection_string_or_from_service_uris_and_Service_Bus_from_its_namespace()
    {
        using var local = Build(new() { ["HubStorage"] = "UseDevelopmentStorage=true", ["StorageNamespace"] = "t1" });
        var storage = local.GetRequiredService<StorageClients>();
        Assert.Equal("devstoreaccount1", storage.Tables.AccountName);
        Assert.Equal("t1Scores", storage.Table("Scores").Name);

        await using var azure = Build(new()
        {
            ["HubStorage:tableServiceUri"] = "https://acct.table.core.windows.net", ["HubStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["HubStorage:queueServiceUri"] = "https://acct.queue.core.windows.net", ["HubStorage:credential"] = "managedidentity", ["HubStorage:clientId"] = "",
            ["ServiceBus:fullyQualifiedNamespace"] = "hub.servicebus.windows.net", ["ServiceBus:credential"] = "managedidentity", ["ServiceBus:clientId"] = "",
        });
        Assert.Equal("acct", azure.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal("hub.servicebus.windows.net", azure.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);

        using var missing = Build(new());
        var error = Assert.Throws<InvalidOperationException>(() => missing.GetRequiredService<StorageClients>());
        Assert.Contains("HubStorage__blobServiceUri", error.Message);
    }
}
