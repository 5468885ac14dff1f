using Hub.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hub.Functions.Api;

/// <summary>The API's routes as HTTP triggers. Each runs the row of AdminRoutes of the same name; the trigger only
/// declares what the Functions host needs to know at build time (method, route, key level, durable client). A test
/// checks these against the route table and openapi.json. Authenticated routes need the function key here and a role
/// (App Service authentication: administrator, or unit viewer within their scope) in the router; the anonymous ones are health, the API document and the
/// published reports.</summary>
public sealed class AdminFunctions(ApiRouter router)
{
    [Function("StartScoring")]
    public Task<IActionResult> StartScoring([HttpTrigger(AuthorizationLevel.Function, "post", Route = "scoring/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(nameof(StartScoring), req, client, ("period", period));

    [Function("GetScoringStatus")]
    public Task<IActionResult> GetScoringStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "scoring/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(nameof(GetScoringStatus), req, client, ("period", period));

    [Function("Republish")]
    public Task<IActionResult> Republish([HttpTrigger(AuthorizationLevel.Function, "post", Route = "publications/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(nameof(Republish), req, client, ("period", period));

    [Function("ListPublications")]
    public Task<IActionResult> ListPublications([HttpTrigger(AuthorizationLevel.Function, "get", Route = "publications/{period}")] HttpRequest req, string period) =>
        Run(nameof(ListPublications), req, null, ("period", period));

    [Function("DecidePublication")]
    public Task<IActionResult> DecidePublication([HttpTrigger(AuthorizationLevel.Function, "post", Route = "publications/{period}/approval")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(nameof(DecidePublication), req, client, ("period", period));

    [Function("GetScores")]
    public Task<IActionResult> GetScores([HttpTrigger(AuthorizationLevel.Function, "get", Route = "scores/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetScores), req, null, ("period", period));

    [Function("GetReconciliation")]
    public Task<IActionResult> GetReconciliation([HttpTrigger(AuthorizationLevel.Function, "get", Route = "reconciliation/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetReconciliation), req, null, ("period", period));

    [Function("ListAlerts")]
    public Task<IActionResult> ListAlerts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "alerts")] HttpRequest req) =>
        Run(nameof(ListAlerts), req, null);

    [Function("GetProvisional")]
    public Task<IActionResult> GetProvisional([HttpTrigger(AuthorizationLevel.Function, "get", Route = "provisional/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetProvisional), req, null, ("period", period));

    [Function("CompareMethodologies")]
    public Task<IActionResult> CompareMethodologies([HttpTrigger(AuthorizationLevel.Function, "post", Route = "comparisons/{period}")] HttpRequest req, string period) =>
        Run(nameof(CompareMethodologies), req, null, ("period", period));

    [Function("GetComparison")]
    public Task<IActionResult> GetComparison([HttpTrigger(AuthorizationLevel.Function, "get", Route = "comparisons/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetComparison), req, null, ("period", period));

    [Function("GetLive")]
    public Task<IActionResult> GetLive([HttpTrigger(AuthorizationLevel.Function, "get", Route = "live/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetLive), req, null, ("period", period));

    [Function("GetWatchList")]
    public Task<IActionResult> GetWatchList([HttpTrigger(AuthorizationLevel.Function, "get", Route = "watchlist/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetWatchList), req, null, ("period", period));

    [Function("GetBreakdown")]
    public Task<IActionResult> GetBreakdown([HttpTrigger(AuthorizationLevel.Function, "get", Route = "breakdown/{period}")] HttpRequest req, string period) =>
        Run(nameof(GetBreakdown), req, null, ("period", period));

    /// <summary>The one-stop systems' push: the function key (one per sending system) here, the sender's own key in the router.</summary>
    [Function("PushRecords")]
    public Task<IActionResult> PushRecords([HttpTrigger(AuthorizationLevel.Function, "post", Route = "ingest/{feed}")] HttpRequest req, string feed) =>
        Run(nameof(PushRecords), req, null, ("feed", feed));

    [Function("ListScopes")]
    public Task<IActionResult> ListScopes([HttpTrigger(AuthorizationLevel.Function, "get", Route = "scopes")] HttpRequest req) =>
        Run(nameof(ListScopes), req, null);

    [Function("SetScope")]
    public Task<IActionResult> SetScope([HttpTrigger(AuthorizationLevel.Function, "put", Route = "scopes/{principal}")] HttpRequest req, string principal) =>
        Run(nameof(SetScope), req, null, ("principal", principal));

    [Function("DeleteScope")]
    public Task<IActionResult> DeleteScope([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "scopes/{principal}")] HttpRequest req, string principal) =>
        Run(nameof(DeleteScope), req, null, ("principal", principal));

    [Function("ListSubscriptions")]
    public Task<IActionResult> ListSubscriptions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions")] HttpRequest req) =>
        Run(nameof(ListSubscriptions), req, null);

    [Function("AddSubscription")]
    public Task<IActionResult> AddSubscription([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions")] HttpRequest req) =>
        Run(nameof(AddSubscription), req, null);

    [Function("DeleteSubscription")]
    public Task<IActionResult> DeleteSubscription([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "subscriptions/{unit}/{id}")] HttpRequest req, string unit, string id) =>
        Run(nameof(DeleteSubscription), req, null, ("unit", unit), ("id", id));

    [Function("ListDeliveries")]
    public Task<IActionResult> ListDeliveries([HttpTrigger(AuthorizationLevel.Function, "get", Route = "notifications/deliveries")] HttpRequest req) =>
        Run(nameof(ListDeliveries), req, null);

    /// <summary>The console is opened in a browser, which carries no function key: App Service authentication signs the
    /// user in (the platform's session), and the router requires a role as for every other signed-in route.</summary>
    [Function("Console")]
    public Task<IActionResult> Console([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        Run(nameof(Console), req, client);

    [Function("ConsoleUnit")]
    public Task<IActionResult> ConsoleUnit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/units/{unit}")] HttpRequest req, string unit) =>
        Run(nameof(ConsoleUnit), req, null, ("unit", unit));

    [Function("ConsoleSubscribe")]
    public Task<IActionResult> ConsoleSubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/units/{unit}/subscribe")] HttpRequest req, string unit) =>
        Run(nameof(ConsoleSubscribe), req, null, ("unit", unit));

    [Function("ConsoleUnsubscribe")]
    public Task<IActionResult> ConsoleUnsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/units/{unit}/unsubscribe")] HttpRequest req, string unit) =>
        Run(nameof(ConsoleUnsubscribe), req, null, ("unit", unit));

    [Function("ConsoleRepublish")]
    public Task<IActionResult> ConsoleRepublish([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/republish/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(nameof(ConsoleRepublish), req, client, ("period", period));

    [Function("ConsoleApproval")]
    public Task<IActionResult> ConsoleApproval([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/approval/{period}")] HttpRequest req, string period, [DurableClient] DurableTaskClient client) =>
        Run(nameof(ConsoleApproval), req, client, ("period", period));

    [Function("GetSyncStatus")]
    public Task<IActionResult> GetSyncStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "sync/status")] HttpRequest req) =>
        Run(nameof(GetSyncStatus), req, null);

    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req) =>
        Run(nameof(Health), req, null);

    [Function("OpenApi")]
    public Task<IActionResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        Run(nameof(OpenApi), req, null);

    [Function("ListReports")]
    public Task<IActionResult> ListReports([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports")] HttpRequest req) =>
        Run(nameof(ListReports), req, null);

    [Function("LatestReport")]
    public Task<IActionResult> LatestReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{period}")] HttpRequest req, string period) =>
        Run(nameof(LatestReport), req, null, ("period", period));

    [Function("ReportFile")]
    public Task<IActionResult> ReportFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{period}/{version}/{*file}")] HttpRequest req, string period, string version, string file) =>
        Run(nameof(ReportFile), req, null, ("period", period), ("version", version), ("file", file));

    private async Task<IActionResult> Run(string route, HttpRequest req, DurableTaskClient? client, params (string, string)[] routeValues)
    {
        await router.ExecuteAsync(route, req, client, routeValues);
        return new EmptyResult(); // the route's result has written the response
    }
}
