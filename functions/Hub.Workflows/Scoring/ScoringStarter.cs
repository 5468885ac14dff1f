using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Storage.Scores;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Scoring;

public enum StartResult { Started, AlreadyRunning, NotEnded, BeforeFirstPeriod }

/// <summary>Starts the scoring orchestration of a period under its deterministic instance id (score-2026-Q3), exactly
/// once whatever the concurrency: a start claims the period's run record (insert, or replace under its ETag) before
/// it schedules, so of twenty simultaneous requests one starts and nineteen are told a run is in progress. Used by the
/// timers, the HTTP API and `hub`.</summary>
public sealed class ScoringStarter(IOptions<ScoringOptions> options, ScoringRunRepository runs, TimeProvider clock, ILogger<ScoringStarter> logger)
{
    public static readonly OrchestrationRuntimeStatus[] InProgress =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>How long a claim without a scheduled instance blocks other starts: the claimant crashed between the two.</summary>
    public static readonly TimeSpan ClaimWindow = TimeSpan.FromSeconds(60);

    public async Task<(StartResult Result, string InstanceId)> StartAsync(DurableTaskClient client, Period period, string requestedBy, string reason, CancellationToken ct)
    {
        IndexCatalogs.Get(options.Value.MethodologyFor(period)); // fail now, not inside the run, if the methodology is unknown
        var instanceId = ScoringNames.InstanceId(period);
        var now = clock.GetUtcNow();
        if (!period.HasEndedAt(now))
        {
            logger.LogWarning("Refused to score {Period} for {RequestedBy}: the period has not ended (ends {End:O})", period, requestedBy, period.End);
            return (StartResult.NotEnded, instanceId);
        }
        if (period.Start < Period.Parse(options.Value.FirstPeriod).Start)
        {
            logger.LogWarning("Refused to score {Period} for {RequestedBy}: before the first period {First}", period, requestedBy, options.Value.FirstPeriod);
            return (StartResult.BeforeFirstPeriod, instanceId);
        }
        var existing = await client.GetInstanceAsync(instanceId, ct);
        if (existing is not null && InProgress.Contains(existing.RuntimeStatus)) return Busy(instanceId, existing.RuntimeStatus.ToString());

        var (claim, etag) = await runs.GetAsync(period, ct);
        // A fresh claim whose instance is not there yet (or is still the previous one): a start is in flight.
        if (claim is not null && now - claim.ClaimedAt < ClaimWindow && (existing is null || existing.CreatedAt < claim.ClaimedAt))
            return Busy(instanceId, "starting");
        var next = new ScoringRunRepository.RunClaim(period.ToString(), instanceId, requestedBy, reason, now, (claim?.Attempt ?? 0) + 1);
        if (!await runs.TryClaimAsync(next, claim is null ? null : etag, ct)) return Busy(instanceId, "claimed by a concurrent request");

        var request = new ScoringRequest(period, requestedBy, reason, options.Value.ToSettings(period));
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ScoringOrchestrator), request, new StartOrchestrationOptions(instanceId), ct);
        logger.LogInformation("Started scoring {InstanceId} (attempt {Attempt}) for {RequestedBy}: {Reason}", instanceId, next.Attempt, requestedBy, reason);
        return (StartResult.Started, instanceId);
    }

    /// <summary>What a schedule does (the Function App's timers, or any scheduler of `hub`): start the period unless
    /// it was already scored or is being scored; re-runs are for administrators. Null when nothing was started.</summary>
    public async Task<StartResult?> StartScheduledAsync(DurableTaskClient client, Period period, string reason, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(ScoringNames.InstanceId(period), ct) is not null)
        {
            logger.LogInformation("Scheduled scoring of {Period} skipped: already scored or scoring", period);
            return null;
        }
        return (await StartAsync(client, period, "timer", reason, ct)).Result;
    }

    private (StartResult, string) Busy(string instanceId, string state)
    {
        logger.LogInformation("Scoring {InstanceId} is {State}; not starting another", instanceId, state);
        return (StartResult.AlreadyRunning, instanceId);
    }

    /// <summary>Starts a provisional run of a period that is still running (the day's run: one per period and Vietnam
    /// day). Never published, stored apart (ProvisionalScores) with its "as of" time.</summary>
    public async Task<(StartResult Result, string InstanceId)> StartProvisionalAsync(DurableTaskClient client, Period period, string requestedBy, CancellationToken ct)
    {
        IndexCatalogs.Get(options.Value.MethodologyFor(period));
        var now = clock.GetUtcNow();
        var instanceId = ScoringNames.ProvisionalInstanceId(period, VietnamTime.LocalDate(now));
        var existing = await client.GetInstanceAsync(instanceId, ct);
        if (existing is not null && InProgress.Contains(existing.RuntimeStatus)) return Busy(instanceId, existing.RuntimeStatus.ToString());
        var request = new ScoringRequest(period, requestedBy, "provisional index", options.Value.ToSettings(period) with { RequireApproval = false }) { Provisional = true };
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ScoringOrchestrator), request, new StartOrchestrationOptions(instanceId), ct);
        logger.LogInformation("Started provisional run {InstanceId} for {RequestedBy}", instanceId, requestedBy);
        return (StartResult.Started, instanceId);
    }
}
