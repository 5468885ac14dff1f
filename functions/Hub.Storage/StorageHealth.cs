using Azure;

namespace Hub.Storage;

/// <summary>Is the hub's storage reachable? One cheap read with a short deadline, for health endpoints and the watch.
/// A table that does not exist still answers: that is an incomplete account (StorageClients.MissingAsync names what it
/// lacks), not an outage.</summary>
public static class StorageHealth
{
    public static async Task<bool> IsReachableAsync(this StorageClients storage, CancellationToken ct, TimeSpan? deadline = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(deadline ?? TimeSpan.FromSeconds(5));
        try
        {
            await storage.Table(StorageNames.SyncStateTable).QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: cts.Token).AsPages().FirstAsync(cts.Token);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
