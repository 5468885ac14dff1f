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

    [Function("SyncRatingsTimer")]
    public Task Ratings([TimerTrigger("%SyncRatingsSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PortalRatingsSource.SourceName, ct);

    [Function("SyncFeedbackTimer")]
    public Task Feedback([TimerTrigger("%SyncFeedbackSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PortalFeedbackSource.SourceName, ct);

    [Function("SyncPopulationTimer")]
    public Task Population([TimerTrigger("%SyncPopulationSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PopulationSharingSource.SourceName, ct);

    [Function("SyncBusinessTimer")]
    public Task Business([TimerTrigger("%SyncBusinessSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(BusinessSharingSource.SourceName, ct);

    [Function("SyncPortalEvaluationTimer")]
    public Task PortalEvaluation([TimerTrigger("%SyncPortalEvaluationSchedule%")] TimerInfo timer, CancellationToken ct) =>
        scheduler.EnqueueAsync(PortalEvaluationSource.SourceName, ct);
}
