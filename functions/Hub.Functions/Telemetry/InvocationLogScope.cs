using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Telemetry;

/// <summary>Puts the invocation id back into the log scope of every invocation, under the key the worker's gRPC log
/// writer looks for. With the worker's OpenTelemetry defaults (Worker.OpenTelemetry 1.2.0, schema 1.37) the worker
/// scopes an invocation only as "faas.invocation_id", so the writer sends the host every log line without an
/// invocation id and the host drops them from its console and log stream (Azure/azure-functions-dotnet-worker#3489).
/// Harmless once that is fixed: the key then appears twice with the same value.</summary>
public sealed class InvocationLogScope(ILoggerFactory loggers) : IFunctionsWorkerMiddleware
{
    /// <summary>TraceConstants.InternalKeys.FunctionInvocationId of the worker.</summary>
    public const string InvocationIdKey = "AzureFunctions_InvocationId";
    public const string FunctionNameKey = "AzureFunctions_FunctionName";

    private readonly ILogger _logger = loggers.CreateLogger("Hub.Functions.Invocation");

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        using (Begin(_logger, context.InvocationId, context.FunctionDefinition.Name))
            await next(context);
    }

    /// <summary>The scope itself: every logger of the same factory sees it (scopes are shared by the factory's providers).</summary>
    public static IDisposable? Begin(ILogger logger, string invocationId, string functionName) =>
        logger.BeginScope(new Dictionary<string, object> { [InvocationIdKey] = invocationId, [FunctionNameKey] = functionName });
}
