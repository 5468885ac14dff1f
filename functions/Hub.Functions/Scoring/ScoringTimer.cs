using Hub.Domain.Periods;
using Hub.Workflows.Scoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hub.Functions.Scoring;

/// <summary>Starts the scoring of the quarter, and of the month, that just closed (Vietnam time). Each runs daily;
/// the singleton instance id makes the extra ticks harmless, and a period already scored is not redone by a timer.</summary>
public sealed class ScoringTimer(ScoringStarter starter, TimeProvider clock)
{
    [Function("ScoringTimer")]
    public Task Quarterly([TimerTrigger("%ScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        StartIfNewAsync(client, Period.LastClosedAt(clock.GetUtcNow(), PeriodKind.Quarter), "quarterly schedule", ct);

    [Function("MonthlyScoringTimer")]
    public Task Monthly([TimerTrigger("%MonthlyScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        StartIfNewAsync(client, Period.LastClosedAt(clock.GetUtcNow(), PeriodKind.Month), "monthly schedule", ct);

    private async Task StartIfNewAsync(DurableTaskClient client, Period period, string reason, CancellationToken ct)
    {
        var existing = await client.GetInstanceAsync(ScoringNames.InstanceId(period.ToString()), ct);
        if (existing is not null) return; // already scored (or scoring): re-runs are for administrators
        await starter.StartAsync(client, period, "timer", reason, ct);
    }
}
