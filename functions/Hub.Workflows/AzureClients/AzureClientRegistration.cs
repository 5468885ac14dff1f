using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Hub.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.AzureClients;

/// <summary>The hub's Azure SDK clients, registered once through Microsoft.Extensions.Azure (shared options, logging
/// and credentials), from connections named as the Functions host names its own: "HubStorage" is a connection string
/// (Azurite locally) or HubStorage__blobServiceUri / __queueServiceUri / __tableServiceUri with __credential and
/// __clientId; "ServiceBus" is a connection string or ServiceBus__fullyQualifiedNamespace with the same two.</summary>
public static class AzureClientRegistration
{
    public const string ServiceBusConnection = "ServiceBus";

    public static bool ServiceBusConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[ServiceBusConnection]) || !string.IsNullOrEmpty(configuration.GetSection(ServiceBusConnection)["fullyQualifiedNamespace"]);

    public static IServiceCollection AddHubAzureClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAzureClients(azure =>
        {
            var storage = configuration.GetSection(StorageClients.ConnectionName);
            if (configuration[StorageClients.ConnectionName] is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
            {
                azure.AddClient<TableServiceClient, TableClientOptions>(o => new TableServiceClient(connectionString, o));
                azure.AddClient<BlobServiceClient, BlobClientOptions>(o => new BlobServiceClient(connectionString, o));
                azure.AddClient<QueueServiceClient, QueueClientOptions>(o => new QueueServiceClient(connectionString, Base64(o)));
            }
            else
            {
                var credential = AzureCredentials.For(storage);
                azure.AddClient<TableServiceClient, TableClientOptions>((o, c) => new TableServiceClient(ServiceUri(storage, "tableServiceUri"), c, o)).WithCredential(credential);
                azure.AddClient<BlobServiceClient, BlobClientOptions>((o, c) => new BlobServiceClient(ServiceUri(storage, "blobServiceUri"), c, o)).WithCredential(credential);
                azure.AddClient<QueueServiceClient, QueueClientOptions>((o, c) => new QueueServiceClient(ServiceUri(storage, "queueServiceUri"), c, Base64(o))).WithCredential(credential);
            }

            var bus = configuration.GetSection(ServiceBusConnection);
            if (configuration[ServiceBusConnection] is { Length: > 0 } busConnectionString)
                azure.AddServiceBusClient(busConnectionString);
            else if (bus["fullyQualifiedNamespace"] is { Length: > 0 } ns)
                azure.AddServiceBusClientWithNamespace(ns).WithCredential(AzureCredentials.For(bus));
        });
        // Microsoft.Extensions.Azure forwards the SDKs' own event logs to ILogger: every request at Information would
        // flood the logs (and Application Insights); their warnings (slow or failed requests) are what an operator needs.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Warning).AddFilter("Azure.Messaging.ServiceBus", LogLevel.Warning)
            .AddFilter("Azure.Identity", LogLevel.Warning));
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<QueueServiceClient>(), configuration["StorageNamespace"]));
        return services;
    }

    /// <summary>Base64 messages: what the Functions queue trigger expects.</summary>
    private static QueueClientOptions Base64(QueueClientOptions options)
    {
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return options;
    }

    private static Uri ServiceUri(IConfigurationSection storage, string key) =>
        storage[key] is { Length: > 0 } uri ? new Uri(uri)
        : throw new InvalidOperationException(
            $"Storage is not configured: set '{StorageClients.ConnectionName}' to a connection string (Azurite locally), or " +
            $"'{StorageClients.ConnectionName}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri' (with '__credential' and '__clientId') for a managed identity.");
}
