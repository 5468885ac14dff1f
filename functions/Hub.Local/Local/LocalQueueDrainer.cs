using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Hub.Local.Local;

/// <summary>Plays the Functions queue trigger locally: takes sync work items off the real storage queue, hands each to
/// the same handler, deletes it on success, and after MaxDequeueCount failures moves it to the poison queue
/// (the host's behaviour: maxDequeueCount and visibilityTimeout come from the Function App's host.json). A message is held for a short lease that is renewed while its
/// work goes on, so the items of a process killed mid-sync come back within the lease, not after minutes.</summary>
public sealed class LocalQueueDrainer(StorageClients storage, SyncWorkHandler handler, ILogger<LocalQueueDrainer> logger)
{
    /// <summary>How long a received message stays invisible without renewal: the most a crash delays its retry.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(3);

    public sealed record DrainResult(int Succeeded, int Failed, int Poisoned);

    /// <param name="retryAfter">How soon a failed message comes back; by default host.json's visibilityTimeout.</param>
    public async Task<DrainResult> DrainAsync(CancellationToken ct, TimeSpan? retryAfter = null)
    {
        var queue = storage.Queue(StorageNames.SyncWorkQueue);
        var poison = storage.Queue(StorageNames.SyncWorkPoisonQueue);
        int ok = 0, failed = 0, poisoned = 0;
        var lastWaitLog = DateTimeOffset.MinValue;
        var inHand = new List<Task>();
        try
        {
            while (true)
            {
                // As the host does: a batch of messages handled side by side, the next batch fetched as soon as the
                // messages in hand drop to newBatchThreshold (not when the slowest of the batch is done).
                if (inHand.Count <= FunctionsHostSettings.NewBatchThreshold)
                {
                    var messages = (await queue.ReceiveMessagesAsync(Math.Clamp(FunctionsHostSettings.BatchSize, 1, 32), Lease, ct)).Value;
                    if (messages.Length > 0)
                    {
                        inHand.AddRange(messages.Select(m => HandleOneAsync(m)));
                        continue;
                    }
                    if (inHand.Count == 0)
                    {
                        var props = (await queue.GetPropertiesAsync(ct)).Value;
                        if (props.ApproximateMessagesCount == 0) return new DrainResult(ok, failed, poisoned);
                        if (DateTimeOffset.UtcNow - lastWaitLog > TimeSpan.FromSeconds(5))
                        {
                            logger.LogInformation("Waiting for {Count} sync work item(s) not visible yet: failed ones waiting to be retried, or held by a process that stopped (back within {Lease} s)",
                                props.ApproximateMessagesCount, Lease.TotalSeconds);
                            lastWaitLog = DateTimeOffset.UtcNow;
                        }
                        await Task.Delay(250, ct);
                        continue;
                    }
                }
                // A message in hand finishing (it may have queued a follow-up) is when to look at the queue again.
                await Task.WhenAny(inHand);
                foreach (var done in inHand.Where(t => t.IsCompleted).ToList())
                {
                    inHand.Remove(done);
                    await done; // a cancellation surfaces here; failures were handled inside
                }
            }
        }
        finally
        {
            // Never leave work running behind a cancellation or a failure: each item settles its own message; what
            // brought the loop down is what propagates, not the others' cancellations.
            try { await Task.WhenAll(inHand); }
            catch (Exception) { /* observed; the first failure is already on its way up */ }
        }

        async Task HandleOneAsync(QueueMessage m)
        {
            var receipt = new Receipt(m.PopReceipt);
            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renewal = RenewAsync(queue, m, receipt, renewing.Token);
            try
            {
                await handler.HandleAsync(m.Body.ToString(), ct);
                await StopAsync(renewing, renewal);
                await SettleAsync(m, () => queue.DeleteMessageAsync(m.MessageId, receipt.Value, ct));
                Interlocked.Increment(ref ok);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await StopAsync(renewing, renewal);
                Interlocked.Increment(ref failed);
                if (m.DequeueCount >= FunctionsHostSettings.MaxDequeueCount)
                {
                    logger.LogError(e, "Sync work item failed {Count} times; moved to the poison queue", m.DequeueCount);
                    await poison.SendMessageAsync(m.Body, cancellationToken: ct);
                    await SettleAsync(m, () => queue.DeleteMessageAsync(m.MessageId, receipt.Value, ct));
                    Interlocked.Increment(ref poisoned);
                }
                else
                {
                    logger.LogWarning("Sync work item failed (attempt {Attempt}): {Error}", m.DequeueCount, e.Message);
                    await SettleAsync(m, () => queue.UpdateMessageAsync(m.MessageId, receipt.Value, visibilityTimeout: retryAfter ?? FunctionsHostSettings.VisibilityTimeout, cancellationToken: ct));
                }
            }
            finally
            {
                await StopAsync(renewing, renewal);
            }
        }
    }

    /// <summary>Deletes or releases a message; a lease lost meanwhile (the process stalled past it) is not an error:
    /// the message is visible again or taken by another consumer, as the host would have it.</summary>
    private async Task SettleAsync(QueueMessage m, Func<Task> settle)
    {
        try { await settle(); }
        catch (Azure.RequestFailedException e) when (e.ErrorCode is "PopReceiptMismatch" or "MessageNotFound")
        {
            logger.LogWarning("Lost the lease of sync work item {MessageId} ({Error}); it will be delivered again", m.MessageId, e.ErrorCode);
        }
    }

    private sealed class Receipt(string value)
    {
        public string Value { get; set; } = value;
    }

    /// <summary>Keeps the message invisible while its work goes on; each renewal gives a new pop receipt.</summary>
    private async Task RenewAsync(QueueClient queue, QueueMessage m, Receipt receipt, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Renewal, ct);
                // Not cancelled once sent: a renewal the service applied but whose answer was dropped would leave us
                // holding a stale pop receipt, and the delete or retry after it would fail.
                var updated = await queue.UpdateMessageAsync(m.MessageId, receipt.Value, visibilityTimeout: Lease, cancellationToken: CancellationToken.None);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) { }
        catch (Azure.RequestFailedException e)
        {
            logger.LogWarning("Could not renew the lease of sync work item {MessageId}: {Error}", m.MessageId, e.Message);
        }
    }

    private static async Task StopAsync(CancellationTokenSource renewing, Task renewal)
    {
        if (!renewing.IsCancellationRequested) await renewing.CancelAsync();
        await renewal;
    }
}
