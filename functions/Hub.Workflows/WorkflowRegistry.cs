using Hub.Workflows.Publishing;
using Hub.Workflows.Scoring;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Workflows;

/// <summary>The orchestrators and activities of the hub, declared once. Activities are built from the application's
/// service provider, so the same classes and services run in the Function App and in `hub`, whatever engine hosts
/// them (the Durable Task SDK's registry, or the Durable Task Framework through its shims).</summary>
public static class WorkflowRegistry
{
    public static readonly Type[] Orchestrators = [typeof(ScoringOrchestrator), typeof(PublicationOrchestrator)];

    public static readonly Type[] Activities =
        [typeof(CheckSyncActivity), typeof(LoadUnitsActivity), typeof(ComputeUnitEvidenceActivity), typeof(RollUpActivity), typeof(PublishActivity),
         typeof(Alerts.EvaluateAlertsActivity)];

    /// <summary>A new orchestrator per episode: orchestrator instances hold no state worth keeping, and the hosts'
    /// shims must not be shared across work items.</summary>
    public static IEnumerable<(string Name, Func<ITaskOrchestrator> Create)> OrchestratorFactories() =>
        Orchestrators.Select(t => (t.Name, (Func<ITaskOrchestrator>)(() => (ITaskOrchestrator)Activator.CreateInstance(t)!)));

    /// <param name="decorate">Optional wrapper around each activity instance (tests inject faults with it).</param>
    public static IEnumerable<(string Name, Func<ITaskActivity> Create)> ActivityFactories(IServiceProvider appServices, Func<ITaskActivity, ITaskActivity>? decorate = null) =>
        Activities.Select(t => (t.Name, (Func<ITaskActivity>)(() =>
        {
            var instance = (ITaskActivity)ActivatorUtilities.CreateInstance(appServices, t);
            return decorate is null ? instance : decorate(instance);
        })));
}
