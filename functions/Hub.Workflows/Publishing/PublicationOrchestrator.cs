using Hub.Workflows.Scoring;
using Microsoft.DurableTask;

namespace Hub.Workflows.Publishing;

/// <summary>Publishes a scored run: optionally waits for an administrator's approval (bounded by a durable timeout),
/// then writes the next immutable version.</summary>
public sealed class PublicationOrchestrator : TaskOrchestrator<PublicationRequest, PublicationOutcome>
{
    public override async Task<PublicationOutcome> RunAsync(TaskOrchestrationContext context, PublicationRequest input)
    {
        if (input.RequireApproval)
        {
            context.SetCustomStatus(new { stage = RunStages.AwaitingApproval, input.Period, input.RunId, syncGaps = input.SyncGaps, expiresAt = context.CurrentUtcDateTime + input.ApprovalTimeout });
            ApprovalDecision decision;
            try
            {
                decision = await context.WaitForExternalEvent<ApprovalDecision>(ScoringNames.ApprovalEvent, input.ApprovalTimeout);
            }
            catch (TaskCanceledException)
            {
                return new PublicationOutcome(PublicationStatuses.Expired, null, null, null, null, $"No approval within {input.ApprovalTimeout}; nothing was published.");
            }
            if (!decision.Approved)
                return new PublicationOutcome(PublicationStatuses.Rejected, null, null, null, null, $"Rejected by {decision.By}: {decision.Comment}");
            input = input with { Reason = $"{input.Reason} (approved by {decision.By})" };
        }
        // Defence in depth: the starter refuses periods that have not ended; never publish one whatever the path.
        if (!input.Period.HasEndedAt(context.CurrentUtcDateTime))
            return new PublicationOutcome("refused", null, null, null, null, $"{input.Period} has not ended; provisional figures are never published.");
        context.SetCustomStatus(new { stage = RunStages.Publishing, input.Period, input.RunId });
        return await context.CallActivityAsync<PublicationOutcome>(nameof(PublishActivity), input,
            TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1))));
    }
}
