using Hub.Storage;
using Microsoft.Extensions.Hosting;

namespace Hub.Functions;

/// <summary>Runs the storage watch for the life of the worker: an outage is reported in plain words to
/// Application Insights, and so is the recovery.</summary>
public sealed class StorageWatchService(StorageWatch watch) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => watch.WatchAsync(stoppingToken);
}
