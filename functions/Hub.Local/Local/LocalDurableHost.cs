using DurableTask.AzureStorage;
using DurableTask.Core;
using Hub.Local.Durable;
using Hub.Workflows;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using CoreActivity = DurableTask.Core.TaskActivity;

namespace Hub.Local.Local;

/// <summary>The hub's orchestrators and activities on the Durable Task Framework with its Azure Storage backend, in a
/// task hub in the hub's storage account (Azurite locally): orchestration state, history and queues survive the
/// process, as they do for the Function App in Azure. A restarted `hub` picks up where the dead one stopped.</summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly TaskHubWorker _worker;

    private LocalDurableHost(TaskHubWorker worker, DurableTaskClient client, string taskHub)
    {
        _worker = worker;
        Client = client;
        TaskHub = taskHub;
    }

    public DurableTaskClient Client { get; }

    /// <summary>The task hub's name: its tables are {name}Instances and {name}History, its queues {name}-control-00 and
    /// {name}-workitems, its leases in the blob container {name}-leases.</summary>
    public string TaskHub { get; }

    public static async Task<LocalDurableHost> StartAsync(IServiceProvider services, ILoggerFactory? loggerFactory = null, CancellationToken ct = default,
        Func<ITaskActivity, ITaskActivity>? decorateActivities = null)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logs = loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var connection = configuration["HubStorage"] is { Length: > 0 } c && c.Contains('=')
            ? c
            : throw new InvalidOperationException("`hub` keeps orchestration state in the storage account of HubStorage, which must be a connection string (Azurite's).");
        var taskHub = TaskHubName(configuration["DurableTaskHubName"] ?? "hublocal", configuration["StorageNamespace"]);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            TaskHubName = taskHub,
            // A stable id: a restarted `hub` takes its own partition lease back at once instead of waiting for it to expire.
            WorkerId = configuration["DurableWorkerId"] ?? "hub-local",
            PartitionCount = 1,
            UseTablePartitionManagement = true,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            // What a crash costs: messages a dead process held come back after these — host.json's, as the Function
            // App's Durable extension reads them (the framework renews activity messages while the activity runs).
            ControlQueueVisibilityTimeout = FunctionsHostSettings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = FunctionsHostSettings.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = Math.Max(2, Environment.ProcessorCount * 2),
            // Keep a running orchestration's state in memory between episodes: a fan-out over a thousand units would
            // otherwise reload its whole, growing history from the table after every completed activity.
            ExtendedSessionsEnabled = true,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(30),
            LoggerFactory = logs,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), logs);
        var worker = new TaskHubWorker(service, logs) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        foreach (var (name, create) in WorkflowRegistry.OrchestratorFactories())
            worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(name, () => shims.CreateOrchestration(name, create(), parent: null)));
        foreach (var (name, create) in WorkflowRegistry.ActivityFactories(services, decorateActivities))
            worker.AddTaskActivities(new Creator<CoreActivity>(name, () => shims.CreateActivity(name, create())));
        await worker.StartAsync();
        var client = new FrameworkDurableTaskClient(service, new DurableTaskWorkerOptions().DataConverter);
        logs.CreateLogger<LocalDurableHost>().LogInformation("Durable Task engine on task hub {TaskHub} (Azure Storage backend)", taskHub);
        return new LocalDurableHost(worker, client, taskHub);
    }

    /// <summary>Task hub names: 3-45 letters and digits, starting with a letter.</summary>
    public static string TaskHubName(string name, string? storageNamespace)
    {
        var raw = new string((name + (storageNamespace ?? "")).Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        if (raw.Length == 0 || !char.IsAsciiLetter(raw[0])) raw = "hub" + raw;
        return raw.Length > 45 ? raw[..45] : raw.PadRight(3, '0');
    }

    /// <summary>Stops taking work; work in flight is abandoned to the queues (its messages come back after the
    /// visibility timeout), never half-recorded.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _worker.StopAsync(isForced: true); }
        catch (Exception) { /* stopping after a storage outage: nothing left to release */ }
        _worker.Dispose();
    }

    /// <summary>A new shim per work item (shims hold an episode's state), registered with the version orchestrations
    /// start with ("").</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override T Create() => _create();
    }
}
