using Microsoft.Extensions.Logging;

namespace Hub.Storage;

/// <summary>Tells the operator, in plain words, when the hub's storage stops answering and when it is back, and creates
/// the tables, containers and queues it lacks the first time it answers (a fresh account: infra/ creates them in Azure,
/// but a new storage namespace or an account made by hand has none). During an outage the durable engine and the sync
/// retry on their own; without this, the only trace would be the SDKs' retry noise, or nothing.</summary>
public sealed class StorageWatch(StorageClients storage, ILogger<StorageWatch> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Reminder = TimeSpan.FromSeconds(10);
    private volatile bool _ready;

    /// <summary>Creates what is missing, once it has succeeded; false (with the reason logged) when storage did not let it.</summary>
    public async Task<bool> EnsureReadyAsync(CancellationToken ct)
    {
        if (_ready) return true;
        try
        {
            var created = await storage.EnsureCreatedAsync(ct);
            if (created.Count > 0)
                logger.LogWarning("Storage lacked {Count} of the hub's tables, containers and queues; created: {Created}", created.Count, string.Join(", ", created));
            _ready = true;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not create the hub's missing tables, containers and queues yet ({Error}); retrying while storage is watched", Reason(e));
            return false;
        }
    }

    public async Task WatchAsync(CancellationToken ct)
    {
        DateTimeOffset? downSince = null;
        var lastReminder = DateTimeOffset.MinValue;
        var lastCreateAttempt = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            bool reachable;
            try { reachable = await storage.IsReachableAsync(ct, Interval); }
            catch (OperationCanceledException) { return; }
            var now = DateTimeOffset.UtcNow;
            if (!reachable && downSince is null)
            {
                downSince = lastReminder = now;
                logger.LogWarning("Storage is not reachable ({Endpoint}): scoring and sync are paused and resume by themselves when it is back; nothing is lost",
                    storage.Tables.Uri.GetLeftPart(UriPartial.Authority));
            }
            else if (!reachable && now - lastReminder >= Reminder)
            {
                lastReminder = now;
                logger.LogWarning("Storage still not reachable after {Seconds:0} s; waiting for it", (now - downSince!.Value).TotalSeconds);
            }
            else if (reachable && downSince is { } since)
            {
                logger.LogWarning("Storage reachable again after {Seconds:0} s; work resumes", (now - since).TotalSeconds);
                downSince = null;
            }
            if (reachable && !_ready && now - lastCreateAttempt >= Reminder)
            {
                lastCreateAttempt = now;
                try { await EnsureReadyAsync(ct); }
                catch (OperationCanceledException) { return; }
            }
            try { await Task.Delay(Interval, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    private static string Reason(Exception e) => e is Azure.RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : $"{e.GetType().Name}: {e.Message}";
}
