using Hub.Api.Handlers;
using Hub.Api.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Routes;

/// <summary>The hub's API, declared once: `hub serve` maps this table (MapAdminApi), the Function App's
/// HTTP triggers run its rows by name, and a test checks that both, and openapi.json, describe the same operations.</summary>
public static class AdminRoutes
{
    public static readonly IReadOnlyList<ApiRoute> All =
    [
        new("StartScoring", "POST", "scoring/{period}", Access.Administrator,
            c => c.Get<AdminApi>().StartScoringAsync(c.Durable, c.Period, c.Body, c.Admin, c.Ct)),
        new("GetScoringStatus", "GET", "scoring/{period}", Access.Administrator,
            c => c.Get<AdminApi>().RunStatusAsync(c.Durable, c.Period, c.Ct)),
        new("Republish", "POST", "publications/{period}", Access.Administrator,
            c => c.Get<AdminApi>().RepublishAsync(c.Durable, c.Period, c.Body, c.Admin, c.Ct)),
        new("ListPublications", "GET", "publications/{period}", Access.Administrator,
            c => c.Get<AdminApi>().ListPublicationsAsync(c.Period, c.Ct)),
        new("DecidePublication", "POST", "publications/{period}/approval", Access.Administrator,
            c => c.Get<AdminApi>().DecideAsync(c.Durable, c.Period, c.Body, c.Admin, c.Ct)),
        new("GetScores", "GET", "scores/{period}", Access.UnitViewer,
            c => c.Get<AdminApi>().ScoresAsync(c.Period, c.Query("unit"), c.Ct)),
        new("GetReconciliation", "GET", "reconciliation/{period}", Access.UnitViewer,
            c => c.Get<AdminApi>().ReconciliationAsync(c.Period, c.Query("unit"), c.Ct)),
        new("ListAlerts", "GET", "alerts", Access.UnitViewer,
            c => c.Get<AdminApi>().AlertsAsync(c.Query("unit"), c.Query("state"), c.Ct)),
        new("GetProvisional", "GET", "provisional/{period}", Access.UnitViewer,
            c => c.Get<AdminApi>().ProvisionalAsync(c.Period, c.Query("unit"), c.Ct)),
        new("CompareMethodologies", "POST", "comparisons/{period}", Access.Administrator,
            c => c.Get<AdminApi>().CompareAsync(c.Period, c.Body, c.Ct)),
        new("GetLive", "GET", "live/{period}", Access.UnitViewer,
            c => c.Get<SteeringApi>().LiveAsync(c.Period, c.Query("unit"), c.Ct)),
        new("GetWatchList", "GET", "watchlist/{period}", Access.UnitViewer,
            c => c.Get<SteeringApi>().WatchListAsync(c.Period, c.Query("unit"), c.Query("kind"), c.Query("procedure"), c.Query("page"), c.Query("pageSize"), c.Query("format"), c.Ct)),
        new("GetBreakdown", "GET", "breakdown/{period}", Access.UnitViewer,
            c => c.Get<SteeringApi>().BreakdownAsync(c.Period, c.Query("unit"), c.Ct)),
        new("PushRecords", "POST", "ingest/{feed}", Access.Sender,
            c => c.Get<IngestApi>().PushAsync(c.Route("feed"), c.Push!.Value.Name, c.Push.Value.Sender, c.Push.Value.Body, c.Ct)),
        new("ListScopes", "GET", "scopes", Access.Administrator,
            c => c.Get<ScopesApi>().ListAsync(c.Ct)),
        new("SetScope", "PUT", "scopes/{principal}", Access.Administrator,
            c => c.Get<ScopesApi>().SetAsync(c.Route("principal"), c.Body, c.Admin, c.Ct)),
        new("DeleteScope", "DELETE", "scopes/{principal}", Access.Administrator,
            c => c.Get<ScopesApi>().DeleteAsync(c.Route("principal"), c.Admin, c.Ct)),
        new("ListSubscriptions", "GET", "subscriptions", Access.Administrator,
            c => c.Get<NotificationsApi>().ListAsync(c.Ct)),
        new("AddSubscription", "POST", "subscriptions", Access.Administrator,
            c => c.Get<NotificationsApi>().AddAsync(c.Body, c.Admin, c.Ct)),
        new("DeleteSubscription", "DELETE", "subscriptions/{unit}/{id}", Access.Administrator,
            c => c.Get<NotificationsApi>().DeleteAsync(c.Route("unit"), c.Route("id"), c.Admin, c.Ct)),
        new("ListDeliveries", "GET", "notifications/deliveries", Access.Administrator,
            c => c.Get<NotificationsApi>().DeliveriesAsync(c.Ct)),
        new("Console", "GET", "console", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().HomeAsync(c.Admin, c.Scope, c.Ct)),
        new("ConsoleUnit", "GET", "console/units/{unit}", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().UnitAsync(c.Admin, c.Route("unit"), c.Ct)),
        new("ConsoleRepublish", "POST", "console/republish/{period}", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().RepublishAsync(c.Admin, c.Period, c.Body, c.DurableClient, c.Ct)),
        new("GetSyncStatus", "GET", "sync/status", Access.Administrator,
            c => c.Get<AdminApi>().SyncStatusAsync(c.Ct)),
        new("Health", "GET", "health", Access.Anonymous,
            c => c.Get<HealthService>().CheckAsync(c.Ct)),
        new("OpenApi", "GET", "openapi.json", Access.Anonymous,
            _ => Task.FromResult<IResult>(TypedResults.Bytes(OpenApiDocument.Bytes, "application/json"))),
        new("ListReports", "GET", "reports", Access.Anonymous,
            c => c.Get<ReportsApi>().ListAsync(c.Ct)),
        new("LatestReport", "GET", "reports/{period}", Access.Anonymous,
            c => c.Get<ReportsApi>().LatestAsync(c.Period, c.Ct)),
        new("ReportFile", "GET", "reports/{period}/{version}/{*file}", Access.Anonymous,
            c => c.Get<ReportsApi>().FileAsync(c.Period, c.Route("version"), c.Route("file"), c.Header("If-None-Match"), c.Ct)),
    ];

    public static ApiRoute Named(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"No API route is named '{name}'.", nameof(name));

    /// <summary>Maps every route of the table on an ASP.NET Core app (`hub serve`), handled with the hub's services and
    /// the given durable client.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints, IServiceProvider hubServices, DurableTaskClient durable)
    {
        var router = hubServices.GetRequiredService<ApiRouter>();
        foreach (var route in All)
            endpoints.MapMethods(route.Path, [route.Method], (RequestDelegate)(http => router.ExecuteAsync(route, http, durable))).WithName(route.Name);
        return endpoints;
    }
}
