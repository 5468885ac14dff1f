using Hub.Functions.Timers;
using Hub.Domain.Periods;
using Hub.Workflows.Scoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Scoring;

/// <summary>Daily, at a quiet hour (ProvisionalScoringSchedule; default 01:00 Vietnam time): the provisional index of
/// the running month, quarter and year to date, through the same orchestration, stored apart and never published.</summary>
public sealed class ProvisionalScoringTimer(ScoringStarter starter, TimeProvider clock, ILogger<ProvisionalScoringTimer> logger)
{
    [Function("ProvisionalScoringTimer")]
    public async Task Run([TimerTrigger("%ProvisionalScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        TimerLog.Tick(logger, "Provisional scoring timer", timer);
        var now = clock.GetUtcNow();
        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year })
            await starter.StartProvisionalAsync(client, Period.Containing(now, kind), "timer", ct);
        logger.LogInformation("Provisional runs of the running month, quarter and year started");
    }
}
