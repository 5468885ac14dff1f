using Hub.Functions.Timers;
using Hub.Workflows.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Sync;

/// <summary>One timer per row of SyncSources; each enqueues that source's work items. The schedule setting each
/// trigger names is the row's ScheduleSetting (a test checks them one for one).</summary>
public sealed class SyncTimers(SyncScheduler scheduler, ILogger<SyncTimers> logger)
{
    [Function("SyncAgenciesTimer")]
    public Task Agencies([TimerTrigger("%SyncAgenciesSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalAgenciesSource.SourceName, timer, ct);

    [Function("SyncProceduresTimer")]
    public Task Procedures([TimerTrigger("%SyncProceduresSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalProceduresSource.SourceName, timer, ct);

    [Function("SyncDossiersTimer")]
    public Task Dossiers([TimerTrigger("%SyncDossiersSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalDossiersSource.SourceName, timer, ct);

    [Function("SyncRatingsTimer")]
    public Task Ratings([TimerTrigger("%SyncRatingsSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalRatingsSource.SourceName, timer, ct);

    [Function("SyncFeedbackTimer")]
    public Task Feedback([TimerTrigger("%SyncFeedbackSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalFeedbackSource.SourceName, timer, ct);

    [Function("SyncPopulationTimer")]
    public Task Population([TimerTrigger("%SyncPopulationSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PopulationSharingSource.SourceName, timer, ct);

    [Function("SyncBusinessTimer")]
    public Task Business([TimerTrigger("%SyncBusinessSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(BusinessSharingSource.SourceName, timer, ct);

    [Function("SyncPortalEvaluationTimer")]
    public Task PortalEvaluation([TimerTrigger("%SyncPortalEvaluationSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalEvaluationSource.SourceName, timer, ct);

    [Function("SyncNationalTimer")]
    public Task National([TimerTrigger("%SyncNationalSchedule%")] TimerInfo timer, CancellationToken ct) =>
        Tick(PortalNationalSource.SourceName, timer, ct);

    private Task Tick(string source, TimerInfo timer, CancellationToken ct)
    {
        TimerLog.Tick(logger, $"Sync timer of {source}", timer);
        return scheduler.EnqueueAsync(source, ct);
    }
}
