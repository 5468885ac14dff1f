using Hub.Storage.Queues;
using Hub.Storage.Sync;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Sync;

/// <summary>What a sync timer does: enqueue one work item per scope of the source. A per-unit source whose timer fires
/// before any unit is known (a new deployment: dossiers every 10 minutes, the agency catalogue once a day) enqueues
/// nothing and asks for the catalogue instead, once; it starts at its first tick after the catalogue is stored.</summary>
public sealed class SyncScheduler(SyncRunner runner, SyncWorkQueue queue, SyncStateRepository states, TimeProvider clock, ILogger<SyncScheduler> logger)
{
    /// <summary>How long a request for the unit list stands before another waiting timer may repeat it.</summary>
    private static readonly TimeSpan UnitListRequestStands = TimeSpan.FromMinutes(10);
    private DateTimeOffset _unitListRequestedAt = DateTimeOffset.MinValue;

    public async Task<int> EnqueueAsync(string sourceName, CancellationToken ct)
    {
        var source = runner.Source(sourceName);
        if (source.ConfigurationProblem is { } problem)
        {
            // Nothing to enqueue: each work item would be refused before a request, once per unit and tick.
            logger.LogError("{Source} is not synced: {Problem}. The other sources sync regardless; set the secret and restart the app", source.Name, problem);
            return 0;
        }
        var scopes = await source.ScopesAsync(ct);
        if (scopes.Count == 0 && source.WaitsForUnits)
        {
            await RequestUnitListAsync(source.Name, ct);
            return 0;
        }
        foreach (var scope in scopes) await queue.EnqueueAsync(new SyncWorkItem(source.Name, scope, clock.GetUtcNow()), ct);
        logger.LogInformation("Enqueued {Count} sync work items for {Source}", scopes.Count, source.Name);
        return scopes.Count;
    }

    /// <summary>One work item for one scope (a period the portal's evaluation was never captured for, say).</summary>
    public async Task EnqueueScopeAsync(string sourceName, string scope, CancellationToken ct)
    {
        var source = runner.Source(sourceName);
        await queue.EnqueueAsync(new SyncWorkItem(source.Name, scope, clock.GetUtcNow()), ct);
        logger.LogInformation("Enqueued sync work item {Source}/{Scope}", source.Name, scope);
    }

    private async Task RequestUnitListAsync(string waiting, CancellationToken ct)
    {
        foreach (var units in SyncSources.All.Where(s => s.RefreshesUnits))
        {
            // Asked for only while it has never been attempted, and once a while: the timers of five per-unit sources
            // fire minutes apart, and one catalogue sync in flight is enough (its state is saved with its first page).
            var (state, _) = await states.GetAsync(units.Name, "*", ct);
            var now = clock.GetUtcNow();
            if (state.LastAttemptAt is null && now - _unitListRequestedAt < UnitListRequestStands)
                logger.LogWarning("No unit is known yet: {Source} waits for the unit list ({UnitSource} requested at {At:O})", waiting, units.Name, _unitListRequestedAt);
            else if (state.LastAttemptAt is null)
            {
                _unitListRequestedAt = now;
                await queue.EnqueueAsync(new SyncWorkItem(units.Name, "*", clock.GetUtcNow()), ct);
                logger.LogWarning("No unit is known yet: {Source} waits for the unit list; {UnitSource} was requested now instead of at its own schedule", waiting, units.Name);
            }
            else
                logger.LogWarning("No unit is known yet: {Source} waits for the unit list ({UnitSource} last attempted {At:O}: {Error})",
                    waiting, units.Name, state.LastAttemptAt, state.LastError ?? "in progress or empty");
        }
    }
}
