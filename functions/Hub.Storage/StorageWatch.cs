using Microsoft.Extensions.Logging;

namespace Hub.Storage;

/// <summary>Tells the operator, in plain words, when the hub's storage stops answering and when it is back. During an
/// outage the durable engine and the sync retry on their own; without this, the only trace would be the SDKs' retry
/// noise, or nothing.</summary>
public sealed class StorageWatch(StorageClients storage, ILogger<StorageWatch> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Reminder = TimeSpan.FromSeconds(10);

    public async Task WatchAsync(CancellationToken ct)
    {
        DateTimeOffset? downSince = null;
        var lastReminder = DateTimeOffset.MinValue;
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
            try { await Task.Delay(Interval, ct); }
            catch (OperationCanceledException) { return; }
        }
    }
}
