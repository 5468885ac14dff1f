using System.Text.Json;
using Hub.Sources.Common;
using Hub.Storage;
using Hub.Storage.Queues;
using Hub.Storage.Sync;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Sync;

/// <summary>What the queue trigger does with one message: run the work item, and when the source has more pages
/// than one run may take, enqueue the follow-up item so the rest is picked up by the next invocation. A message that
/// can never succeed (not a work item, an unknown source or scope, credentials the source refuses) goes to the
/// poison queue at once with its reason and leaves no state behind; only what may pass on a retry is retried.</summary>
public sealed class SyncWorkHandler(SyncRunner runner, SyncWorkQueue queue, StorageClients storage, Steering.LiveFigureService live, TimeProvider clock, ILogger<SyncWorkHandler> logger)
{
    public async Task<SyncRun?> HandleAsync(string message, CancellationToken ct)
    {
        SyncWorkItem item;
        try { item = SyncWorkQueue.Parse(message); }
        catch (FormatException e) { await PoisonAsync(message, e.Message, ct); return null; }
        if (runner.Find(item.Source) is not { } source)
        {
            await PoisonAsync(message, $"unknown sync source '{item.Source}' (known: {string.Join(", ", runner.SourceNames.Order(StringComparer.Ordinal))})", ct);
            return null;
        }
        if (await source.ScopeProblemAsync(item.Scope, ct) is { } problem)
        {
            await PoisonAsync(message, $"{item.Source}: {problem}", ct);
            return null;
        }
        SyncRun run;
        bool more;
        try { (run, more) = await runner.RunAsync(item, ct); }
        catch (SourceAuthenticationException e)
        {
            // A retry with the same credentials gets the same answer: park it until someone fixes the key.
            await PoisonAsync(message, e.Message, ct);
            return null;
        }
        if (more) await queue.EnqueueAsync(item with { EnqueuedAt = clock.GetUtcNow() }, ct);
        // Caught up with the unit's feed: its watch lists and live figures follow now, not at the next daily run.
        else await live.AfterSyncAsync(item.Source, item.Scope, run.Stored, ct);
        return run;
    }

    private async Task PoisonAsync(string message, string reason, CancellationToken ct)
    {
        logger.LogError("Sync work item sent to the poison queue without retries: {Reason}", reason);
        var poisoned = JsonSerializer.Serialize(new { reason, at = clock.GetUtcNow(), message });
        await storage.Queue(StorageNames.SyncWorkPoisonQueue).SendMessageAsync(poisoned, ct);
    }
}
