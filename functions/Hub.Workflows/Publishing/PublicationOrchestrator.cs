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
            context.SetCustomStatus(new { stage = "awaiting-approval", input.Period, input.RunId, expiresAt = context.CurrentUtcDateTime + input.ApprovalTimeout });
            ApprovalDecision decision;
            try
            {
                decision = await context.WaitForExternalEvent<ApprovalDecision>(ScoringNames.ApprovalEvent, input.ApprovalTimeout);
            }
            catch (TaskCanceledException)
            {
                return new PublicationOutcome("expired", null, null, null, null, $"No approval within {input.ApprovalTimeout}; nothing was published.");
            }
            if (!decision.Approved)
                return new PublicationOutcome("rejected", null, null, null, null, $"Rejected by {decision.By}: {decision.Comment}");
            input = input with { Reason = $"{input.Reason} (approved by {decision.By})" };
        }
        context.SetCustomStatus(new { stage = "publishing", input.Period, input.RunId });
        return await context.CallActivityAsync<PublicationOutcome>(nameof(PublishActivity), input,
            TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1))));
    }
}
