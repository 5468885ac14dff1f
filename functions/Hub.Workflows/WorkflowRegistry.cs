using Hub.Workflows.Publishing;
using Hub.Workflows.Scoring;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Workflows;

/// <summary>Registers the orchestrators and activities with a Durable Task worker. Activities are built from the
/// application's service provider, so the same classes and services run in the Function App and in `hub`.</summary>
public static class WorkflowRegistry
{
    public static readonly Type[] Orchestrators = [typeof(ScoringOrchestrator), typeof(PublicationOrchestrator)];

    public static readonly Type[] Activities =
        [typeof(CheckSyncActivity), typeof(LoadUnitsActivity), typeof(ComputeUnitEvidenceActivity), typeof(RollUpActivity), typeof(PublishActivity)];

    /// <param name="decorate">Optional wrapper around each activity instance (tests inject faults with it).</param>
    public static void Register(DurableTaskRegistry registry, IServiceProvider appServices, Func<ITaskActivity, ITaskActivity>? decorate = null)
    {
        registry.AddOrchestrator<ScoringOrchestrator>();
        registry.AddOrchestrator<PublicationOrchestrator>();
        foreach (var activity in Activities)
            registry.AddActivity(activity.Name, _ =>
            {
                var instance = (ITaskActivity)ActivatorUtilities.CreateInstance(appServices, activity);
                return decorate is null ? instance : decorate(instance);
            });
    }
}
