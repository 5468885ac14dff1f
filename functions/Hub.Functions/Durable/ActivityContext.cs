using Microsoft.DurableTask;

namespace Hub.Functions.Durable;

/// <summary>The activity context handed to class-based activities when the Functions host invokes them
/// (what the Durable Task source generator would emit; it is not available here).</summary>
internal sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;
    public override string InstanceId { get; } = instanceId;
}
