using DurableTask.Core;
using DurableTask.Core.History;
using Core = DurableTask.Core;

namespace Hub.Local.Durable;

/// <summary>The Durable Task SDK's client over the Durable Task Framework's own client (here its Azure Storage
/// backend): what the SDK's OrchestrationServiceClientShim package does, which the package registry here does not
/// serve. Only what the hub uses: start, status, events, wait, terminate, purge.</summary>
public sealed class FrameworkDurableTaskClient(IOrchestrationServiceClient client, DataConverter converter) : DurableTaskClient("hub")
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance { InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"), ExecutionId = Guid.NewGuid().ToString("N") };
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version ?? "",
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
            },
        };
        // The backend refuses a second start while one is pending or running (the hub's run record guards it first).
        await client.CreateTaskOrchestrationAsync(message, [Core.OrchestrationStatus.Pending, Core.OrchestrationStatus.Running]);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        client.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        // The Azure Storage backend answers [null] for an instance it does not know.
        var states = await client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(s => s?.OrchestrationInstance is not null) is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"Orchestration '{instanceId}' does not exist.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending) return metadata;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is { IsCompleted: true }) return metadata;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    public override async Task<Microsoft.DurableTask.Client.PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (client is not IOrchestrationServicePurgeClient purge) throw new NotSupportedException("The backend cannot purge.");
        var result = await purge.PurgeInstanceStateAsync(instanceId);
        return new Microsoft.DurableTask.Client.PurgeResult(result.DeletedInstanceCount);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException("Listing instances is not used by the hub; inspect the task hub's Instances table instead (README).");

    public override ValueTask DisposeAsync() => default;

    private Task SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = e });
    }

    private OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool getInputsAndOutputs) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = getInputsAndOutputs ? converter : null,
        RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus, // the SDK mirrors the framework's values
        CreatedAt = state.CreatedTime,
        LastUpdatedAt = state.LastUpdatedTime,
        SerializedInput = getInputsAndOutputs ? state.Input : null,
        SerializedOutput = getInputsAndOutputs ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = ToDetails(state.FailureDetails) ?? (state.OrchestrationStatus == Core.OrchestrationStatus.Failed && state.Output is { } o
            ? new TaskFailureDetails("OrchestrationFailed", o, null, null, null) : null),
    };

    private static TaskFailureDetails? ToDetails(Core.FailureDetails? d) =>
        d is null ? null : new TaskFailureDetails(d.ErrorType, d.ErrorMessage, d.StackTrace, ToDetails(d.InnerFailure), null);
}
