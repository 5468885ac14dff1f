using Hub.Api.Handlers;
using Hub.Api.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Routes;

/// <summary>The hub's API, declared once: `hub serve` maps this table (MapAdminApi), the Function App's
/// HTTP triggers run its rows by name, and a test checks that both, and openapi.json, describe the same operations.</summary>
public static class AdminRoutes
{
    private const string AdminOnly = "Administrators only (role Hub.Admin): a unit viewer gets 403.";
    private const string ViewerScoped = "A unit viewer (role Hub.Viewer) gets an answer only for a unit (?unit=) of their scope; 403 otherwise.";
    private const string ConsoleNote = "The web console (Vietnamese, server-rendered) for a signed-in administrator or unit viewer: each sees what their role and scope allow. In Azure no function key: App Service authentication signs the user in.";
    private const string Json = "application/json";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.Of("StartScoring", "POST", "scoring/{period}", Access.Administrator,
            c => c.Get<AdminApi>().StartScoringAsync(c.Durable, c.Period, c.Body, c.Admin, c.Ct)) with
        {
            Tag = "Scoring", Summary = "Start or re-run the scoring of a period", Description = AdminOnly,
            Body = (typeof(AdminApi.ReasonBody), Json, false), Problems = [400, 409],
        },
        ApiRoute.Of("GetScoringStatus", "GET", "scoring/{period}", Access.Administrator,
            c => c.Get<AdminApi>().RunStatusAsync(c.Durable, c.Period, c.Ct)) with
        {
            Tag = "Scoring", Summary = "Run status: stage, progress, outcome", Description = AdminOnly, Problems = [400, 404],
        },
        ApiRoute.Of("Republish", "POST", "publications/{period}", Access.Administrator,
            c => c.Get<AdminApi>().RepublishAsync(c.Durable, c.Period, c.Body, c.Admin, c.Ct)) with
        {
            Tag = "Publications", Summary = "Re-publish with a reason: re-scores with current data and creates the next version", Description = AdminOnly,
            Body = (typeof(AdminApi.ReasonBody), Json, true), Problems = [400, 409],
        },
        ApiRoute.Of("ListPublications", "GET", "publications/{period}", Access.Administrator,
            c => c.Get<AdminApi>().ListPublicationsAsync(c.Period, c.Ct)) with
        {
            Tag = "Publications", Summary = "Every published version of a period", Description = AdminOnly, Problems = [400],
        },
        ApiRoute.Of("DecidePublication", "POST", "publications/{period}/approval", Access.Administrator,
            c => c.Get<AdminApi>().DecideAsync(c.Durable, c.Period, c.Body, c.Admin, c.Ct)) with
        {
            Tag = "Publications", Summary = "Approve or reject the publication waiting at the approval gate", Description = AdminOnly,
            Body = (typeof(AdminApi.ApprovalBody), Json, true), Problems = [400, 404, 409],
        },
        ApiRoute.Of("GetScores", "GET", "scores/{period}", Access.UnitViewer,
            c => c.Get<AdminApi>().ScoresAsync(c.Period, c.Query("unit"), c.Ct)) with
        {
            Tag = "Scores", Summary = "Scores of a period (or of one unit, with the explanation of its indicators)", Description = ViewerScoped,
            Parameters = [ApiParameters.Unit("One unit, with the explanation of its indicators")], Problems = [400, 404],
        },
        ApiRoute.Of("GetReconciliation", "GET", "reconciliation/{period}", Access.UnitViewer,
            c => c.Get<AdminApi>().ReconciliationAsync(c.Period, c.Query("unit"), c.Ct)) with
        {
            Tag = "Scores", Summary = "The hub's figures against the portal's latest capture",
            Description = "Per unit and indicator both counts and points, the difference, flags over 0.015 points with their cause. " + ViewerScoped,
            Parameters = [ApiParameters.Unit("One unit only")], Problems = [400, 404],
        },
        ApiRoute.Of("ListAlerts", "GET", "alerts", Access.UnitViewer,
            c => c.Get<AdminApi>().AlertsAsync(c.Query("unit"), c.Query("state"), c.Ct)) with
        {
            Tag = "Alerts", Summary = "Alerts raised and closed, with their evidence",
            Description = "Band drops, indicators below plan targets, differences with the portal, sources behind, failed runs (docs/alerts.md). " + ViewerScoped,
            Parameters = [new("unit", ParameterIn.Query, "One unit (or * for the hub as a whole)"), new("state", ParameterIn.Query) { Enum = ["open", "closed"] }],
            Problems = [400],
        },
        ApiRoute.Of("GetProvisional", "GET", "provisional/{period}", Access.UnitViewer,
            c => c.Get<AdminApi>().ProvisionalAsync(c.Period, c.Query("unit"), c.Ct)) with
        {
            Tag = "Scores", Summary = "The provisional index of a running period (labelled provisional, with its as-of time and the daily series)",
            Description = "Never a publication. " + ViewerScoped, Parameters = [ApiParameters.Unit("One unit only")], Problems = [400, 404],
        },
        ApiRoute.Of("CompareMethodologies", "POST", "comparisons/{period}", Access.Administrator,
            c => c.Get<AdminApi>().CompareAsync(c.Period, c.Body, c.Ct)) with
        {
            Tag = "Scores", Summary = "What-if: re-score a period under another methodology and store the comparison",
            Description = "Per unit: both totals, bands, ranks and the indicators that explain the change. Publications are untouched. " + AdminOnly,
            Body = (typeof(AdminApi.ComparisonBody), Json, true), Problems = [400, 404, 409],
        },
        ApiRoute.Of("GetComparison", "GET", "comparisons/{period}", Access.Administrator,
            c => c.Get<AdminApi>().LatestComparisonAsync(c.Period, c.Ct)) with
        {
            Tag = "Scores", Summary = "The latest methodology comparison stored for a period", Description = AdminOnly, Problems = [404],
        },
        ApiRoute.Of("GetLive", "GET", "live/{period}", Access.UnitViewer,
            c => c.Get<SteeringApi>().LiveAsync(c.Period, c.Query("unit"), c.Ct)) with
        {
            Tag = "Steering", Summary = "A unit's live figures of a running period, with the period-end forecast and the watch counts",
            Description = "Refreshed after every sync of a unit; never a publication. 404 for a period not kept live or an unknown unit. " + ViewerScoped,
            Parameters = [ApiParameters.SubtreeOf], Problems = [400, 404],
        },
        ApiRoute.Of("GetWatchList", "GET", "watchlist/{period}", Access.UnitViewer,
            c => c.Get<SteeringApi>().WatchListAsync(c.Period, c.Query("unit"), c.Query("kind"), c.Query("procedure"), c.Query("page"), c.Query("pageSize"), c.Query("format"), c.Ct)) with
        {
            Tag = "Steering", Summary = "The dossiers of a unit's subtree to act on: overdue, due soon, finished late, accepted late, returned for supplement",
            Description = "As of now, from the latest synced records. Dossier and procedure codes only, never the applicant. csv and xlsx export every matching row. " + ViewerScoped,
            Parameters =
            [
                ApiParameters.SubtreeOf,
                new("kind", ParameterIn.Query) { Enum = ["overdue", "due-soon", "finished-late", "accepted-late", "returned"] },
                new("procedure", ParameterIn.Query, "The procedure's code (MaTTHC)") { Pattern = ApiParameters.CodePattern },
                new("page", ParameterIn.Query) { Type = "integer", Minimum = 1, Default = "1" },
                new("pageSize", ParameterIn.Query) { Type = "integer", Minimum = 1, Maximum = 500, Default = "50" },
                new("format", ParameterIn.Query) { Enum = ["json", "csv", "xlsx"], Default = "json" },
            ],
            Problems = [400, 404],
        },
        ApiRoute.Of("GetBreakdown", "GET", "breakdown/{period}", Access.UnitViewer,
            c => c.Get<SteeringApi>().BreakdownAsync(c.Period, c.Query("unit"), c.Ct)) with
        {
            Tag = "Steering", Summary = "Every indicator of a unit per procedure: counts, points lost, the procedures costing most",
            Description = "From the live snapshots of a running period, else from the latest scoring run of the period. " + ViewerScoped,
            Parameters = [ApiParameters.SubtreeOf], Problems = [400, 404],
        },
        ApiRoute.Of("PushRecords", "POST", "ingest/{feed}", Access.Sender,
            c => c.Get<IngestApi>().PushAsync(c.Route("feed"), c.Push!.Value.Name, c.Push.Value.Sender, c.Push.Value.Body, c.Ct)) with
        {
            Tag = "Ingestion", Summary = "Push a batch of dossier records (HoSoDongBoDVC, the portal's sync format)",
            Description = "A JSON array of at most 1,000 records, or {\"data\": [...]}. Idempotent: each record is stored only when newer than what is stored (NgayCapNhat); bad records are quarantined with their reason; the answer comes once every good record is stored.",
            Parameters = [new("feed", ParameterIn.Path, Required: true) { Enum = ["dossiers"] }],
            Body = (typeof(System.Text.Json.JsonElement), Json, true), Problems = [400, 404],
        },
        ApiRoute.Of("ListScopes", "GET", "scopes", Access.Administrator,
            c => c.Get<ScopesApi>().ListAsync(c.Ct)) with
        {
            Tag = "Access", Summary = "Unit viewers and the units each sees", Description = AdminOnly,
        },
        ApiRoute.Of("SetScope", "PUT", "scopes/{principal}", Access.Administrator,
            c => c.Get<ScopesApi>().SetAsync(c.Route("principal"), c.Body, c.Admin, c.Ct)) with
        {
            Tag = "Access", Summary = "Grant a unit viewer their units (replaces any before)",
            Description = "Unit codes must be known; each brings its subtree. " + AdminOnly,
            Parameters = [ApiParameters.Principal], Body = (typeof(ScopesApi.ScopeBody), Json, true), Problems = [400],
        },
        ApiRoute.Of("DeleteScope", "DELETE", "scopes/{principal}", Access.Administrator,
            c => c.Get<ScopesApi>().DeleteAsync(c.Route("principal"), c.Admin, c.Ct)) with
        {
            Tag = "Access", Summary = "Remove a unit viewer's scope: they see nothing from now on", Description = AdminOnly,
            Parameters = [ApiParameters.Principal], Problems = [400, 404],
        },
        ApiRoute.Of("ListSubscriptions", "GET", "subscriptions", Access.Administrator,
            c => c.Get<NotificationsApi>().ListAsync(c.Ct)) with
        {
            Tag = "Notifications", Summary = "Who is told about which unit", Description = AdminOnly,
        },
        ApiRoute.Of("AddSubscription", "POST", "subscriptions", Access.Administrator,
            c => c.Get<NotificationsApi>().AddAsync(c.Body, c.Admin, c.Ct)) with
        {
            Tag = "Notifications", Summary = "Subscribe an address to a unit's alerts and daily digest",
            Description = "Email or an https webhook (signed: x-hub-signature). The same unit, channel and address is the same subscription (its flags replaced). " + AdminOnly,
            Body = (typeof(NotificationsApi.SubscriptionBody), Json, true), Problems = [400, 404],
        },
        ApiRoute.Of("DeleteSubscription", "DELETE", "subscriptions/{unit}/{id}", Access.Administrator,
            c => c.Get<NotificationsApi>().DeleteAsync(c.Route("unit"), c.Route("id"), c.Admin, c.Ct)) with
        {
            Tag = "Notifications", Summary = "Remove a subscription", Description = AdminOnly,
            Parameters = [new("unit", ParameterIn.Path, Required: true) { Pattern = ApiParameters.CodePattern }, new("id", ParameterIn.Path, Required: true) { Pattern = "^[0-9a-f]{16}$" }],
            Problems = [400, 404],
        },
        ApiRoute.Of("ListDeliveries", "GET", "notifications/deliveries", Access.Administrator,
            c => c.Get<NotificationsApi>().DeliveriesAsync(c.Ct)) with
        {
            Tag = "Notifications", Summary = "The delivery log: each notification sent once, with attempts and the last error", Description = AdminOnly,
        },
        ApiRoute.Of("Console", "GET", "console", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().HomeAsync(c.Admin, c.Scope, c.DurableClient, c.Ct)) with
        {
            Tag = "Console", Summary = "Console home: live figures, alerts, sync status, the last quarter's run, approval and re-publication", Description = ConsoleNote,
        },
        ApiRoute.Of("ConsoleUnit", "GET", "console/units/{unit}", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().UnitAsync(c.Admin, c.Route("unit"), c.Ct)) with
        {
            Tag = "Console", Summary = "A unit's live figures, forecast and watch list", Description = ConsoleNote + " A unit outside a viewer's scope is a 403 page.",
            Parameters = [new("unit", ParameterIn.Path, Required: true)], Problems = [403, 404],
        },
        ApiRoute.Of("ConsoleSubscribe", "POST", "console/units/{unit}/subscribe", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().SubscribeAsync(c.Admin, c.Route("unit"), c.Body, c.Ct)) with
        {
            Tag = "Console", Summary = "Subscribe an email address to a unit's alerts and daily digest, from the unit's page",
            Description = ConsoleNote + " A unit viewer subscribes within their scope (403 page outside it).",
            Parameters = [new("unit", ParameterIn.Path, Required: true)],
            Body = (typeof(Hub.Api.Console.ConsolePages.SubscribeForm), "application/x-www-form-urlencoded", true), Problems = [400, 403, 404],
        },
        ApiRoute.Of("ConsoleUnsubscribe", "POST", "console/units/{unit}/unsubscribe", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().UnsubscribeAsync(c.Admin, c.Route("unit"), c.Body, c.Ct)) with
        {
            Tag = "Console", Summary = "Cancel a subscription the caller made to a unit",
            Description = ConsoleNote + " A viewer cancels only their own subscriptions; an administrator any.",
            Parameters = [new("unit", ParameterIn.Path, Required: true)],
            Body = (typeof(Hub.Api.Console.ConsolePages.UnsubscribeForm), "application/x-www-form-urlencoded", true), Problems = [400, 403, 404],
        },
        ApiRoute.Of("ConsoleRepublish", "POST", "console/republish/{period}", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().RepublishAsync(c.Admin, c.Period, c.Body, c.DurableClient, c.Ct)) with
        {
            Tag = "Console", Summary = "The console's re-publication form (reason, token)", Description = ConsoleNote + " Administrators only; a viewer gets a 403 page saying so.",
            Body = (typeof(Hub.Api.Console.ConsolePages.RepublishForm), "application/x-www-form-urlencoded", true), Problems = [400, 403, 409],
        },
        ApiRoute.Of("ConsoleApproval", "POST", "console/approval/{period}", Access.Signed,
            c => c.Get<Hub.Api.Console.ConsolePages>().DecideAsync(c.Admin, c.Period, c.Body, c.DurableClient, c.Ct)) with
        {
            Tag = "Console", Summary = "The console's approval form (decision approve or reject, comment, token)", Description = ConsoleNote + " Administrators only; a viewer gets a 403 page saying so.",
            Body = (typeof(Hub.Api.Console.ConsolePages.ApprovalForm), "application/x-www-form-urlencoded", true), Problems = [400, 403, 404, 409],
        },
        ApiRoute.Of("GetSyncStatus", "GET", "sync/status", Access.Administrator,
            c => c.Get<AdminApi>().SyncStatusAsync(c.Ct)) with
        {
            Tag = "Operations", Summary = "Per source: last success, watermark, lag, errors; poison queue depth",
            Description = "Per source, over the scopes it still syncs: last success, watermark, lag (how far the newest record stored is behind now, an ISO 8601 duration such as P62DT4H), errors (a source without its API key says so); poison queue depth. " + AdminOnly,
        },
        ApiRoute.Of("Health", "GET", "health", Access.Anonymous,
            c => c.Get<HealthService>().CheckAsync(c.Ct)) with
        {
            Tag = "Operations", Summary = "Liveness and storage reachability",
            Description = "200 while storage answers (\"degraded\", with the reasons, when a source is not configured or behind); 503 when it does not.",
        },
        ApiRoute.Of("OpenApi", "GET", "openapi.json", Access.Anonymous,
            _ => Task.FromResult(new FileAnswer<OpenApiFile>(OpenApiDocument.Bytes, "application/json"))) with
        {
            Tag = "Operations", Summary = "This document", UsesStorage = false, Description = "Generated from the route table and the handlers' result types (`hub openapi`).",
        },
        ApiRoute.Of("ListReports", "GET", "reports", Access.Anonymous,
            c => c.Get<ReportsApi>().ListAsync(c.Ct)) with
        {
            Tag = "Reports", Summary = "Published periods, each with its latest version (anonymous)", Description = "Every period that has been published, with the URL of its latest report.",
        },
        ApiRoute.Of("LatestReport", "GET", "reports/{period}", Access.Anonymous,
            c => c.Get<ReportsApi>().LatestAsync(c.Period, c.Ct)) with
        {
            Tag = "Reports", Summary = "The latest version of a period's report (anonymous): a redirect to its immutable folder",
            Description = "302 to /api/reports/{period}/v{n}/index.html.", Problems = [400, 404],
        },
        ApiRoute.Of("ReportFile", "GET", "reports/{period}/{version}/{*file}", Access.Anonymous,
            c => c.Get<ReportsApi>().FileAsync(c.Period, c.Route("version"), c.Route("file"), c.Header("If-None-Match"), c.Ct)) with
        {
            Tag = "Reports", Summary = "A file of a published version (anonymous, immutable: ETag, If-None-Match, a year's cache)",
            Description = "Only the names a publication writes are served; anything else is 404.",
            Parameters =
            [
                new("version", ParameterIn.Path, Required: true) { Pattern = "^v[0-9]{1,6}$", Example = "v1" },
                new("file", ParameterIn.Path, "index.html, index.xlsx, index.csv, index.json, plan-targets.json, reconciliation.json, sync-gaps.json, bao-cao.docx or units/{code}.html", Required: true) { Example = "index.html" },
            ],
            Problems = [400, 404],
        },
    ];

    /// <summary>The tags of the document, in the order a reader meets them.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Scoring", "Runs of the index"),
        ("Publications", "Immutable published versions and the approval gate"),
        ("Scores", "Scores and reconciliation with the portal"),
        ("Steering", "Live figures, forecasts, watch lists and per-procedure breakdowns of the running periods"),
        ("Alerts", "Conditions that need a person's attention"),
        ("Ingestion", "Records pushed by the ministry's one-stop systems"),
        ("Access", "Who sees what: unit viewers' scopes"),
        ("Notifications", "Alerts and daily digests to unit heads by email or webhook"),
        ("Console", "The web console people use (Vietnamese)"),
        ("Reports", "The published reports people read"),
        ("Operations", "Health, sync status, this document"),
    ];

    public static ApiRoute Named(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"No API route is named '{name}'.", nameof(name));

    /// <summary>Maps every route of the table on an ASP.NET Core app (`hub serve`; `hub openapi` describes what it maps),
    /// handled with the hub's services and the given durable client. Each endpoint carries what the document says of it:
    /// the handler's result metadata, the problems the route can answer, and the row itself (parameters and body are read from
    /// it by the document's generator: as endpoint metadata they would make ASP.NET Core's routing refuse content types
    /// the Function App accepts).</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints, IServiceProvider hubServices, DurableTaskClient? durable)
    {
        // Resolved at the first request, once: `hub openapi` maps the table on an app without the hub's services.
        var router = new Lazy<ApiRouter>(hubServices.GetRequiredService<ApiRouter>);
        foreach (var route in All)
        {
            var endpoint = endpoints.MapMethods(route.Path, [route.Method],
                    (RequestDelegate)(http => router.Value.ExecuteAsync(route, http, durable)))
                .WithName(route.Name).WithTags(route.Tag).WithSummary(route.Summary).WithMetadata(route);
            if (route.Description is { } description) endpoint.WithDescription(description);
            endpoint.Add(builder =>
            {
                // ApiExplorer describes endpoints that have a method; this one takes nothing and answers IResult, so
                // everything the document says comes from the metadata below.
                builder.Metadata.Add(DescribedBy);
                route.Describe(builder);
                var declared = builder.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
                foreach (var status in ApiRouter.ProblemsOf(route).Where(s => !declared.Contains(s)).Order())
                    builder.Metadata.Add(route.Access == Access.Signed && route.Problems.Contains(status)
                        ? new ProducesResponseTypeMetadata(status, typeof(string), ["text/html"])
                        : new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            });
        }
        return endpoints;
    }

    private static readonly System.Reflection.MethodInfo DescribedBy = typeof(AdminRoutes).GetMethod(nameof(Described), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static Task<IResult> Described() => throw new NotSupportedException("Only describes an endpoint; the router handles it.");
}
