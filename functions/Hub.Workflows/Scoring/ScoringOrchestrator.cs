using Hub.Workflows.Alerts;
using Hub.Workflows.Publishing;
using Microsoft.DurableTask;

namespace Hub.Workflows.Scoring;

/// <summary>Quarterly scoring of one period: wait (bounded) for the sources to sync past the period end, fan out one
/// activity per unit in bounded batches, fan in, roll up and store, then publish. Deterministic: no I/O, no clock
/// but the orchestration's, no random; everything else happens in activities.</summary>
public sealed class ScoringOrchestrator : TaskOrchestrator<ScoringRequest, ScoringOutcome>
{
    public override async Task<ScoringOutcome> RunAsync(TaskOrchestrationContext context, ScoringRequest input)
    {
        var runId = context.NewGuid().ToString("N")[..12];
        try
        {
            return await RunCoreAsync(context, input, runId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed run is an alert of its own; the run still fails, loudly.
            await context.CallActivityAsync(nameof(EvaluateAlertsActivity), new AlertCheck(input.Period, runId, input.Provisional, null, e.Message));
            throw;
        }
    }

    private static async Task<ScoringOutcome> RunCoreAsync(TaskOrchestrationContext context, ScoringRequest input, string runId)
    {
        var s = input.Settings;
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(Math.Max(1, s.ActivityMaxAttempts), s.ActivityFirstRetry, backoffCoefficient: 2.0));

        // 1. Sources synced past the period end? Wait with a durable timer, up to the limit, then go on with the gap recorded.
        context.SetCustomStatus(new ScoringProgress(RunStages.CheckingSync, 0, 0, [], runId));
        var deadline = context.CurrentUtcDateTime + s.SyncWaitLimit;
        var check = await context.CallActivityAsync<SyncCheck>(nameof(CheckSyncActivity), input.Period, retry);
        while (!input.Provisional && !check.Complete && context.CurrentUtcDateTime + s.SyncRecheckInterval <= deadline)
        {
            context.SetCustomStatus(new ScoringProgress(RunStages.WaitingForSync, 0, 0, check.Gaps, runId));
            await context.CreateTimer(s.SyncRecheckInterval, CancellationToken.None);
            check = await context.CallActivityAsync<SyncCheck>(nameof(CheckSyncActivity), input.Period, retry);
        }
        IReadOnlyList<string> gaps = check.Complete ? [] : check.Gaps;

        // 2. Fan out over units in bounded batches, fan in.
        var units = await context.CallActivityAsync<List<string>>(nameof(LoadUnitsActivity), input.Period, retry);
        var done = 0;
        context.SetCustomStatus(new ScoringProgress(RunStages.ScoringUnits, done, units.Count, gaps, runId));
        foreach (var batch in units.Chunk(Math.Max(1, s.BatchSize)))
        {
            var pending = batch.Select(unit => ScoreUnitAsync(context, new UnitScoringInput(input.Period, runId, unit, s.Methodology), retry)).ToList();
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending);
                pending.Remove(finished);
                await finished; // a unit that failed for good fails the run here, by name
                context.SetCustomStatus(new ScoringProgress(RunStages.ScoringUnits, ++done, units.Count, gaps, runId));
            }
        }

        // 3. Roll up the hierarchy, store scores (table + result blob); a provisional run stores apart and stops here.
        context.SetCustomStatus(new ScoringProgress(RunStages.RollingUp, done, units.Count, gaps, runId));
        var asOf = input.Provisional ? new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) : (DateTimeOffset?)null;
        var rolled = await context.CallActivityAsync<RollUpOutcome>(nameof(RollUpActivity), new RollUpInput(input.Period, runId, s.Methodology, gaps) { ProvisionalAsOf = asOf }, retry);
        if (input.Provisional)
        {
            await context.CallActivityAsync(nameof(EvaluateAlertsActivity), new AlertCheck(input.Period, runId, true, rolled.ResultBlob, null), retry);
            context.SetCustomStatus(new ScoringProgress(RunStages.Provisional, done, units.Count, gaps, runId));
            return new ScoringOutcome(input.Period, runId, s.Methodology, rolled.Units, rolled.UnitsWithTotal, rolled.ResultBlob, gaps,
                new PublicationOutcome("provisional", null, null, null, null, $"Provisional figures as of {asOf:O}: never published."));
        }

        // 4. Publish (reports, version, event), behind the approval gate when asked for, and always when the wait for
        // the sources ended with gaps: incomplete data is never published without an administrator's decision.
        var holdForGaps = gaps.Count > 0;
        var requireApproval = s.RequireApproval || holdForGaps;
        context.SetCustomStatus(new ScoringProgress(requireApproval ? RunStages.AwaitingApproval : RunStages.Publishing, done, units.Count, gaps, runId));
        var publication = await context.CallSubOrchestratorAsync<PublicationOutcome>(nameof(PublicationOrchestrator),
            new PublicationRequest(input.Period, runId, rolled.ResultBlob, input.RequestedBy, input.Reason, requireApproval, s.ApprovalTimeout) { SyncGaps = gaps },
            new SubOrchestrationOptions { InstanceId = ScoringNames.GateInstanceId(context.InstanceId, runId) });

        await context.CallActivityAsync(nameof(EvaluateAlertsActivity), new AlertCheck(input.Period, runId, false, rolled.ResultBlob, null), retry);
        context.SetCustomStatus(new ScoringProgress(RunStages.Done(publication.Status), done, units.Count, gaps, runId));
        return new ScoringOutcome(input.Period, runId, s.Methodology, rolled.Units, rolled.UnitsWithTotal, rolled.ResultBlob, gaps, publication);
    }

    /// <summary>A unit that still fails after its retries fails the whole run, loudly and by name: never a silent partial publication.</summary>
    private static async Task<UnitEvidenceRef> ScoreUnitAsync(TaskOrchestrationContext context, UnitScoringInput input, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<UnitEvidenceRef>(nameof(ComputeUnitEvidenceActivity), input, retry);
        }
        catch (TaskFailedException e)
        {
            throw new InvalidOperationException($"Scoring of {input.Period} failed for unit '{input.UnitCode}': {e.FailureDetails.ErrorMessage}", e);
        }
    }
}
