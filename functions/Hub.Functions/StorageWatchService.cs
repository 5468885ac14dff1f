using Hub.Storage;
using Microsoft.Extensions.Hosting;

namespace Hub.Functions;

/// <summary>For the life of the worker: at start, creates the tables, containers and queues the storage account lacks
/// (waiting a little for it, so that the first timers find them; the watch keeps trying if storage is not there yet);
/// then watches storage, reporting an outage and the recovery in plain words.</summary>
public sealed class StorageWatchService(StorageWatch watch) : BackgroundService
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(StartWait);
        try { await watch.EnsureReadyAsync(wait.Token); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { } // the watch carries on
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => watch.WatchAsync(stoppingToken);
}
