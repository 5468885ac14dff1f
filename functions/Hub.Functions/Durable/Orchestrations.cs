using Hub.Workflows.Publishing;
using Hub.Workflows.Scoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Functions.Durable;

/// <summary>Thin [Function] wrappers exposing the class-based orchestrators and activities of Hub.Workflows to the
/// Functions host. Names match the classes, which is how the orchestrators call them.</summary>
public static class Orchestrations
{
    [Function(nameof(ScoringOrchestrator))]
    public static Task<ScoringOutcome> Scoring([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ScoringOrchestrator().RunAsync(context, context.GetInput<ScoringRequest>()!);

    [Function(nameof(PublicationOrchestrator))]
    public static Task<PublicationOutcome> Publication([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PublicationOrchestrator().RunAsync(context, context.GetInput<PublicationRequest>()!);

    [Function(nameof(CheckSyncActivity))]
    public static Task<SyncCheck> CheckSync([ActivityTrigger] Hub.Domain.Periods.Period period, string instanceId, FunctionContext fc) =>
        Run<CheckSyncActivity, Hub.Domain.Periods.Period, SyncCheck>(fc, instanceId, period);

    [Function(nameof(LoadUnitsActivity))]
    public static Task<List<string>> LoadUnits([ActivityTrigger] Hub.Domain.Periods.Period period, string instanceId, FunctionContext fc) =>
        Run<LoadUnitsActivity, Hub.Domain.Periods.Period, List<string>>(fc, instanceId, period);

    [Function(nameof(ComputeUnitEvidenceActivity))]
    public static Task<UnitEvidenceRef> ComputeUnitEvidence([ActivityTrigger] UnitScoringInput input, string instanceId, FunctionContext fc) =>
        Run<ComputeUnitEvidenceActivity, UnitScoringInput, UnitEvidenceRef>(fc, instanceId, input);

    [Function(nameof(RollUpActivity))]
    public static Task<RollUpOutcome> RollUp([ActivityTrigger] RollUpInput input, string instanceId, FunctionContext fc) =>
        Run<RollUpActivity, RollUpInput, RollUpOutcome>(fc, instanceId, input);

    [Function(nameof(PublishActivity))]
    public static Task<PublicationOutcome> Publish([ActivityTrigger] PublicationRequest input, string instanceId, FunctionContext fc) =>
        Run<PublishActivity, PublicationRequest, PublicationOutcome>(fc, instanceId, input);

    [Function(nameof(Hub.Workflows.Alerts.EvaluateAlertsActivity))]
    public static Task<int> EvaluateAlerts([ActivityTrigger] AlertCheck input, string instanceId, FunctionContext fc) =>
        Run<Hub.Workflows.Alerts.EvaluateAlertsActivity, AlertCheck, int>(fc, instanceId, input);

    private static async Task<TOut> Run<TActivity, TIn, TOut>(FunctionContext fc, string instanceId, TIn input) where TActivity : TaskActivity<TIn, TOut>
    {
        var activity = ActivatorUtilities.CreateInstance<TActivity>(fc.InstanceServices);
        return await activity.RunAsync(new ActivityContext(typeof(TActivity).Name, instanceId), input);
    }
}
