using Hub.Domain.Periods;
using Hub.Workflows.Scoring;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hub.Functions.Api;

/// <summary>Start a scoring run of a period and read its status. Function-key protected.</summary>
public sealed class ScoringApi(ScoringStarter starter)
{
    public const int MaxReasonLength = 500;

    [Function("StartScoring")]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "scoring/{period}")] HttpRequest request, string period,
        [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var p, out var error)) return Problem.BadRequest(error);
        var reason = request.Query["reason"].ToString();
        if (reason.Length > MaxReasonLength) return Problem.BadRequest($"'reason' is longer than {MaxReasonLength} characters.");
        var by = request.HttpContext.User.Identity?.Name ?? "function-key";
        var (result, instanceId) = await starter.StartAsync(client, p, by, string.IsNullOrWhiteSpace(reason) ? "requested over HTTP" : reason, ct);
        var statusUrl = $"/api/scoring/{p}";
        if (result == StartResult.AlreadyRunning)
            return Problem.Of(StatusCodes.Status409Conflict, "Scoring already in progress", $"A scoring run of {p} is in progress.",
                new Dictionary<string, object?> { ["instanceId"] = instanceId, ["statusUrl"] = statusUrl });
        return new AcceptedResult(statusUrl, new { instanceId, period = p.ToString(), statusUrl });
    }

    [Function("GetScoringStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "scoring/{period}")] HttpRequest request, string period,
        [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var p, out var error)) return Problem.BadRequest(error);
        var instance = await client.GetInstanceAsync(ScoringNames.InstanceId(p.ToString()), getInputsAndOutputs: true, ct);
        if (instance is null) return Problem.Of(StatusCodes.Status404NotFound, "No scoring run", $"{p} has not been scored.");
        return new OkObjectResult(new
        {
            instanceId = instance.InstanceId,
            status = instance.RuntimeStatus.ToString(),
            createdAt = instance.CreatedAt,
            lastUpdatedAt = instance.LastUpdatedAt,
            progress = instance.SerializedCustomStatus is { } s ? System.Text.Json.JsonDocument.Parse(s).RootElement : (object?)null,
            output = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<ScoringOutcome>() : null,
            failure = instance.FailureDetails?.ErrorMessage,
        });
    }
}
