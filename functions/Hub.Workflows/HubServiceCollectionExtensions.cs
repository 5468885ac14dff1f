using Azure.Messaging.ServiceBus;
using Hub.Workflows.AzureClients;
using Hub.Sources;
using Hub.Storage;
using Hub.Storage.Evidence;
using Hub.Storage.Publications;
using Hub.Storage.Queues;
using Hub.Storage.Scores;
using Hub.Storage.Sync;
using Hub.Workflows.Publishing;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;
using Hub.Workflows.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Workflows;

public static class HubServiceCollectionExtensions
{
    /// <summary>Everything the hub runs on, the same in the Function App and in `hub`: storage, sources, sync, scoring.</summary>
    public static IServiceCollection AddHub(this IServiceCollection services, IConfiguration configuration)
    {
        ConfigurationGuard.ThrowOnUnresolvedKeyVaultReferences(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHubTelemetry(configuration, configuration["Telemetry:ServiceName"] is { Length: > 0 } n ? n : "sqi-hub");
        services.AddHubAzureClients(configuration);
        services.AddSingleton<StorageWatch>();
        services.AddSingleton<UnitRepository>();
        services.AddSingleton<ProcedureRepository>();
        services.AddSingleton<DossierRepository>();
        services.AddSingleton<FeedbackRepository>();
        services.AddSingleton<RatingRepository>();
        services.AddSingleton<SharingLogRepository>();
        services.AddSingleton<SyncStateRepository>();
        services.AddSingleton<SyncRunRepository>();
        services.AddSingleton<QuarantineRepository>();
        services.AddSingleton<RawArchive>();
        services.AddSingleton<SyncWorkQueue>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<ScoreRepository>();
        services.AddSingleton<ScoringRunRepository>();
        services.AddSingleton<Hub.Storage.Alerts.AlertRepository>();
        services.AddSingleton<Hub.Storage.Access.ViewerScopeRepository>();
        services.AddSingleton<Alerts.AlertBook>();
        services.AddSingleton<PublicationRepository>();
        services.AddSingleton<Hub.Storage.Portal.PortalEvaluationRepository>();
        services.AddSingleton<Hub.Storage.Portal.NationalRankingRepository>();
        services.AddSingleton<Hub.Storage.Steering.LiveSnapshotStore>();
        services.AddSingleton<UnitRecordReader>();

        services.AddHubSources(configuration);
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section));
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section));
        services.AddSingleton<KnownUnits>();
        services.AddSyncSources();
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<SyncScheduler>();
        services.AddSingleton<SyncWorkHandler>();
        services.AddSingleton<SyncStatusService>();
        services.AddSingleton<ScoringStarter>();
        services.AddSingleton<Reconciliation.ReconciliationService>();
        services.AddSingleton<Comparisons.ComparisonService>();
        services.AddOptions<Steering.SteeringOptions>().Bind(configuration.GetSection(Steering.SteeringOptions.Section));
        services.AddSingleton<Steering.LiveFigureService>();
        services.AddSingleton<Steering.SteeringService>();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section));
        services.AddSingleton<PushIngestion>();
        services.AddOptions<Notifications.NotificationOptions>().Bind(configuration.GetSection(Notifications.NotificationOptions.Section));
        services.AddSingleton<Hub.Storage.Notifications.SubscriptionRepository>();
        services.AddSingleton<Hub.Storage.Notifications.DeliveryLog>();
        services.AddSingleton<Notifications.NotificationPlanner>();
        services.AddSingleton<Notifications.IEmailTransport, Notifications.SmtpEmailTransport>();
        services.AddHttpClient(nameof(Notifications.WebhookTransport));
        services.AddSingleton<Notifications.WebhookTransport>();
        services.AddSingleton<Notifications.NotificationSender>();

        // "Index published": a Service Bus topic when one is configured (Azure), else the local storage queue.
        if (AzureClientRegistration.ServiceBusConfigured(configuration))
        {
            services.AddSingleton<IIndexPublishedEvents>(sp => new ServiceBusIndexEvents(new ServiceBusTopic(sp.GetRequiredService<ServiceBusClient>(), configuration["ServiceBus:TopicName"] ?? "index-published")));
            services.AddSingleton<Hub.Storage.Alerts.IAlertEvents>(sp => new Alerts.ServiceBusAlertEvents(new ServiceBusTopic(sp.GetRequiredService<ServiceBusClient>(), configuration["ServiceBus:AlertsTopicName"] is { Length: > 0 } t ? t : "hub-alerts")));
        }
        else
        {
            services.AddSingleton<IIndexPublishedEvents, StorageQueueIndexEvents>();
            services.AddSingleton<Hub.Storage.Alerts.IAlertEvents, Hub.Storage.Alerts.StorageQueueAlertEvents>();
        }
        return services;
    }
}
