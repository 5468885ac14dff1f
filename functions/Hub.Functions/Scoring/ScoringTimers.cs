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

    /// <summary>Daily (ReportingScoringSchedule; 02:45 Vietnam time in Azure): the reporting periods (Decree 09/2019: 15th to 14th) that have
    /// closed — the month on every 15th, the quarter in March, June, September and December, the half-year in June, the
    /// year in December — so that the GDT's quarterly report (due on the 20th) is scored and published by the 15th.
    /// A day the host was down is caught up the next: a period already scored is not redone.</summary>
    [Function("ReportingScoringTimer")]
    public async Task Reporting([TimerTrigger("%ReportingScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        TimerLog.Tick(logger, "Reporting-period scoring timer", timer);
        var now = clock.GetUtcNow();
        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.Year })
            await starter.StartScheduledAsync(client, Period.LastClosedReportingAt(now, kind), "reporting-period schedule", ct);
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
