using Azure.Storage.Queues;
using Hub.Storage;
using Hub.Workflows.Sync;
using Microsoft.Extensions.Logging;

namespace Hub.Local.Local;

/// <summary>Plays the Functions queue trigger locally: takes sync work items off the real storage queue, hands each to
/// the same handler, deletes it on success, and after MaxDequeueCount failures moves it to the poison queue
/// (the host's behaviour, host.json maxDequeueCount).</summary>
public sealed class LocalQueueDrainer(StorageClients storage, SyncWorkHandler handler, ILogger<LocalQueueDrainer> logger)
{
    public const int MaxDequeueCount = 5;

    public sealed record DrainResult(int Succeeded, int Failed, int Poisoned);

    /// <param name="retryAfter">How soon a failed message comes back (the host's visibility timeout).</param>
    public async Task<DrainResult> DrainAsync(CancellationToken ct, TimeSpan? retryAfter = null)
    {
        var queue = storage.Queue(StorageNames.SyncWorkQueue);
        var poison = storage.Queue(StorageNames.SyncWorkPoisonQueue);
        int ok = 0, failed = 0, poisoned = 0;
        while (true)
        {
            // Invisible long enough for a long sync; a failure makes it visible again after retryAfter.
            var messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), ct)).Value;
            if (messages.Length == 0)
            {
                var props = (await queue.GetPropertiesAsync(ct)).Value;
                if (props.ApproximateMessagesCount == 0) return new DrainResult(ok, failed, poisoned);
                await Task.Delay(250, ct); // invisible messages (failed, waiting to reappear)
                continue;
            }
            foreach (var m in messages)
            {
                try
                {
                    await handler.HandleAsync(m.Body.ToString(), ct);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                    ok++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed++;
                    if (m.DequeueCount >= MaxDequeueCount)
                    {
                        logger.LogError(e, "Sync work item failed {Count} times; moved to the poison queue", m.DequeueCount);
                        await poison.SendMessageAsync(m.Body, cancellationToken: ct);
                        await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                        poisoned++;
                    }
                    else
                    {
                        logger.LogWarning("Sync work item failed (attempt {Attempt}): {Error}", m.DequeueCount, e.Message);
                        await queue.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: retryAfter ?? TimeSpan.FromSeconds(1), cancellationToken: ct);
                    }
                }
            }
        }
    }
}
