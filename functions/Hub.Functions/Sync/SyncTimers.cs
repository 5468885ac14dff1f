using Hub.Workflows.Sync;
using Microsoft.Azure.Functions.Worker;

namespace Hub.Functions.Sync;

/// <summary>One timer per source; each enqueues that source's work items (schedules in app settings).</summary>
public sealed class SyncTimers(SyncScheduler scheduler)
{
    [Function("SyncAgenciesTimer")]
    public Task Agencies([TimerTrigger("%SyncAgenciesSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PortalAgenciesSource.SourceName, ct);

    [Function("SyncProceduresTimer")]
    public Task Procedures([TimerTrigger("%SyncProceduresSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PortalProceduresSource.SourceName, ct);

    [Function("SyncDossiersTimer")]
    public Task Dossiers([TimerTrigger("%SyncDossiersSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PortalDossiersSource.SourceName, ct);
}
