using Hub.Http;
using Hub.Workflows.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Api;

/// <summary>The administrators' API as HTTP triggers: function key (host) + admin role (App Service authentication),
/// then the shared handlers. Routes match Admin/openapi.json; a test checks it.</summary>
public sealed class AdminFunctions(AdminApi api, AdminAuthenticator authenticator, ILogger<AdminFunctions> logger)
{
    [Function("StartScoring")]
    public Task<IActionResult> StartScoring([HttpTrigger(AuthorizationLevel.Function, "post", Route = "scoring/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(req, (by, body, ct) => api.StartScoringAsync(client, period, body, by, ct));

    [Function("GetScoringStatus")]
    public Task<IActionResult> GetScoringStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "scoring/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(req, (_, _, ct) => api.RunStatusAsync(client, period, ct));

    [Function("Republish")]
    public Task<IActionResult> Republish([HttpTrigger(AuthorizationLevel.Function, "post", Route = "publications/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(req, (by, body, ct) => api.RepublishAsync(client, period, body, by, ct));

    [Function("ListPublications")]
    public Task<IActionResult> ListPublications([HttpTrigger(AuthorizationLevel.Function, "get", Route = "publications/{period}")] HttpRequest req, string period) =>
        Run(req, (_, _, ct) => api.ListPublicationsAsync(period, ct));

    [Function("DecidePublication")]
    public Task<IActionResult> DecidePublication([HttpTrigger(AuthorizationLevel.Function, "post", Route = "publications/{period}/approval")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(req, (by, body, ct) => api.DecideAsync(client, period, body, by, ct));

    [Function("GetScores")]
    public Task<IActionResult> GetScores([HttpTrigger(AuthorizationLevel.Function, "get", Route = "scores/{period}")] HttpRequest req, string period) =>
        Run(req, (_, _, ct) => api.ScoresAsync(period, req.Query["unit"].FirstOrDefault(), ct));

    [Function("GetReconciliation")]
    public Task<IActionResult> GetReconciliation([HttpTrigger(AuthorizationLevel.Function, "get", Route = "reconciliation/{period}")] HttpRequest req, string period) =>
        Run(req, (_, _, ct) => api.ReconciliationAsync(period, req.Query["unit"].FirstOrDefault(), ct));

    [Function("ListAlerts")]
    public Task<IActionResult> ListAlerts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "alerts")] HttpRequest req) =>
        Run(req, (_, _, ct) => api.AlertsAsync(req.Query["unit"].FirstOrDefault(), req.Query["state"].FirstOrDefault(), ct));

    [Function("GetProvisional")]
    public Task<IActionResult> GetProvisional([HttpTrigger(AuthorizationLevel.Function, "get", Route = "provisional/{period}")] HttpRequest req, string period) =>
        Run(req, (_, _, ct) => api.ProvisionalAsync(period, req.Query["unit"].FirstOrDefault(), ct));

    [Function("CompareMethodologies")]
    public Task<IActionResult> CompareMethodologies([HttpTrigger(AuthorizationLevel.Function, "post", Route = "comparisons/{period}")] HttpRequest req, string period) =>
        Run(req, (_, body, ct) => api.CompareAsync(period, body, ct));

    [Function("GetSyncStatus")]
    public Task<IActionResult> GetSyncStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "sync/status")] HttpRequest req) =>
        Run(req, (_, _, ct) => api.SyncStatusAsync(ct));

    [Function("OpenApi")]
    public IActionResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        new FileContentResult(OpenApiDocument.Bytes, "application/json");

    private async Task<IActionResult> Run(HttpRequest req, Func<AdminPrincipal, string?, CancellationToken, Task<ApiResponse>> handler)
    {
        await AdminHttp.ExecuteAsync(req.HttpContext, authenticator, logger, handler);
        return new EmptyResult(); // the response has been written
    }
}
