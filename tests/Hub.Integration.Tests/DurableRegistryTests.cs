using Hub.Workflows;

namespace Hub.Integration.Tests;

/// <summary>The Function App declares its durable functions by hand ([Function] wrappers, no source generator here);
/// `hub` takes them from WorkflowRegistry. A task added to one and forgotten in the other would break only in Azure.</summary>
public class DurableRegistryTests
{
    [Fact]
    public void Every_registered_orchestrator_and_activity_has_its_Function_App_wrapper_with_the_same_types_and_none_more()
    {
        var functions = typeof(Hub.Functions.Durable.Orchestrations).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (Method: m, Name: m.GetCustomAttribute<FunctionAttribute>()?.Name)).Where(f => f.Name is not null).ToList();

        var orchestrators = functions.Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)).ToList();
        Assert.Equal(WorkflowRegistry.Orchestrators.Select(t => t.Name).Order(), orchestrators.Select(f => f.Name!).Order());
        foreach (var (method, name) in orchestrators)
        {
            var output = WorkflowRegistry.Orchestrators.Single(t => t.Name == name).BaseType!.GetGenericArguments()[1];
            Assert.Equal(typeof(Task<>).MakeGenericType(output), method.ReturnType);
        }

        var activities = functions.Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null)).ToList();
        Assert.Equal(WorkflowRegistry.Activities.Select(t => t.Name).Order(), activities.Select(f => f.Name!).Order());
        foreach (var (method, name) in activities)
        {
            var types = WorkflowRegistry.Activities.Single(t => t.Name == name).BaseType!.GetGenericArguments();
            var input = method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;
            Assert.Equal(types[0], input);
            Assert.Equal(typeof(Task<>).MakeGenericType(types[1]), method.ReturnType);
        }
    }
}
