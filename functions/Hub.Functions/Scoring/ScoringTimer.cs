using Hub.Domain.Periods;
using Hub.Workflows.Scoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hub.Functions.Scoring;

/// <summary>Starts the scoring of the quarter that just closed (Vietnam time). Runs daily early in a quarter; the
/// singleton instance id makes the extra ticks harmless, and a completed run is not redone by the timer.</summary>
public sealed class ScoringTimer(ScoringStarter starter, TimeProvider clock)
{
    [Function("ScoringTimer")]
    public async Task Run([TimerTrigger("%ScoringSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        var period = Period.LastClosedAt(clock.GetUtcNow());
        var existing = await client.GetInstanceAsync(ScoringNames.InstanceId(period.ToString()), ct);
        if (existing is not null) return; // already scored (or scoring): re-runs are for administrators
        await starter.StartAsync(client, period, "timer", "quarterly schedule", ct);
    }
}
