using Hub.Domain.Periods;
using Hub.Functions.Timers;
using Hub.Workflows.Scoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Scoring;

/// <summary>The scoring timers. The quarterly and the monthly one start the scoring of the quarter, and of the month,
/// that just closed (Vietnam time); each runs daily and a period already scored is not redone by a timer
/// (ScoringStarter.StartScheduledAsync). The provisional one, daily at a quiet hour (default 01:00 Vietnam time), starts
/// the provisional index of the running month, quarter and year to date: the same orchestration, stored apart, never
/// published.</summary>
public sealed class ScoringTimer(ScoringStarter starter, TimeProvider clock, ILogger<ScoringTimer> logger)
{
    [Function("ScoringTimer")]
    public async Task Quarterly([TimerTrigger("%ScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        TimerLog.Tick(logger, "Quarterly scoring timer", timer);
        await starter.StartScheduledAsync(client, Period.LastClosedAt(clock.GetUtcNow(), PeriodKind.Quarter), "quarterly schedule", ct);
    }

    [Function("MonthlyScoringTimer")]
    public async Task Monthly([TimerTrigger("%MonthlyScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        TimerLog.Tick(logger, "Monthly scoring timer", timer);
        await starter.StartScheduledAsync(client, Period.LastClosedAt(clock.GetUtcNow(), PeriodKind.Month), "monthly schedule", ct);
    }

    [Function("ProvisionalScoringTimer")]
    public async Task Provisional([TimerTrigger("%ProvisionalScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        TimerLog.Tick(logger, "Provisional scoring timer", timer);
        var now = clock.GetUtcNow();
        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year })
            await starter.StartProvisionalAsync(client, Period.Containing(now, kind), "timer", ct);
        logger.LogInformation("Provisional runs of the running month, quarter and year started");
    }
}
