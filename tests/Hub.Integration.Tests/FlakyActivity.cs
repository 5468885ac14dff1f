using Microsoft.DurableTask;

namespace Hub.Integration.Tests;

/// <summary>Wraps a real activity and makes chosen calls fail: the orchestration's retry policy and failure
/// handling are then exercised on the real Durable Task engine.</summary>
public sealed class FlakyActivity(ITaskActivity inner, Func<object?, bool> shouldFail) : ITaskActivity
{
    public Type InputType => inner.InputType;
    public Type OutputType => inner.OutputType;

    public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
        shouldFail(input) ? throw new InvalidOperationException($"injected failure in {context.Name}") : inner.RunAsync(context, input);
}
