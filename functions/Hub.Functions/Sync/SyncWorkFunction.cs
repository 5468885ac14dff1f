using Hub.Storage;
using Hub.Workflows.Sync;
using Microsoft.Azure.Functions.Worker;

namespace Hub.Functions.Sync;

/// <summary>Runs one sync work item. A failure leaves the message for the host to retry; after maxDequeueCount
/// (host.json) it lands in sync-work-poison, which sync status reports.</summary>
public sealed class SyncWorkFunction(SyncWorkHandler handler)
{
    [Function("SyncWork")]
    public Task Run([QueueTrigger(StorageNames.SyncWorkQueue, Connection = "HubStorage")] string message, CancellationToken ct) =>
        handler.HandleAsync(message, ct);
}
