using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Scoring;

public enum StartResult { Started, AlreadyRunning }

/// <summary>Starts the scoring orchestration of a period under its deterministic instance id (score-2026-Q3),
/// refusing while a run of that period is still in progress. Used by the timer, the HTTP API and `hub`.</summary>
public sealed class ScoringStarter(IOptions<ScoringOptions> options, ILogger<ScoringStarter> logger)
{
    public static readonly OrchestrationRuntimeStatus[] InProgress =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public async Task<(StartResult Result, string InstanceId)> StartAsync(DurableTaskClient client, Period period, string requestedBy, string reason, CancellationToken ct)
    {
        IndexCatalogs.Get(options.Value.Methodology); // fail now, not inside the run, if the methodology is unknown
        var instanceId = ScoringNames.InstanceId(period.ToString());
        var existing = await client.GetInstanceAsync(instanceId, ct);
        if (existing is not null && InProgress.Contains(existing.RuntimeStatus))
        {
            logger.LogInformation("Scoring {InstanceId} is already {Status}; not starting another", instanceId, existing.RuntimeStatus);
            return (StartResult.AlreadyRunning, instanceId);
        }
        var request = new ScoringRequest(period.ToString(), requestedBy, reason, options.Value.ToSettings());
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ScoringOrchestrator), request, new StartOrchestrationOptions(instanceId), ct);
        logger.LogInformation("Started scoring {InstanceId} for {RequestedBy}: {Reason}", instanceId, requestedBy, reason);
        return (StartResult.Started, instanceId);
    }
}
