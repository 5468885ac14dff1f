using Hub.Domain.Periods;
using Hub.Functions.Timers;
using Hub.Workflows.Scoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Scoring;

/// <summary>Starts the scoring of the quarter, and of the month, that just closed (Vietnam time). Each runs daily;
/// a period already scored is not redone by a timer (ScoringStarter.StartScheduledAsync).</summary>
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
}
