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

    public static void Register(DurableTaskRegistry registry, IServiceProvider appServices)
    {
        registry.AddOrchestrator<ScoringOrchestrator>();
        registry.AddOrchestrator<PublicationOrchestrator>();
        foreach (var activity in Activities)
            registry.AddActivity(activity.Name, _ => (ITaskActivity)ActivatorUtilities.CreateInstance(appServices, activity));
    }
}
