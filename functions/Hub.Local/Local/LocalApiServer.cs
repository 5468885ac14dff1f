using System.Net;
using Hub.Http;
using Hub.Storage;
using Hub.Workflows.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Local.Local;

/// <summary>`hub serve`: the administrators' API on loopback with the same handlers, authentication and routes as the
/// Function App (Admin/openapi.json), backed by the local Durable Task engine.</summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalApiServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<LocalApiServer> StartAsync(IServiceProvider services, DurableTaskClient client, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Hub.Simulators.Hosting.ManualLifetime>();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.Limits.MaxRequestBodySize = 1024 * 1024; // AdminHttp refuses bodies over 16 KB itself, with a problem+json
        });
        var app = builder.Build();
        var api = services.GetRequiredService<AdminApi>();
        var auth = services.GetRequiredService<AdminAuthenticator>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Hub.Local.Api");
        var storage = services.GetRequiredService<StorageClients>();

#pragma warning disable ASP0016 // false positive: the inner lambda is the handler's callback, not the request delegate
        void Route(string method, string pattern, Func<HttpContext, AdminPrincipal, string?, CancellationToken, Task<ApiResponse>> handler) =>
            app.MapMethods(pattern, [method], (RequestDelegate)(c => AdminHttp.ExecuteAsync(c, auth, logger, (by, body, ct) => handler(c, by, body, ct))));
#pragma warning restore ASP0016
        static string Period(HttpContext c) => (string)c.Request.RouteValues["period"]!;

        var health = services.GetRequiredService<HealthService>();
        var reports = services.GetRequiredService<ReportsApi>();
        // The published reports: anonymous, read-only.
        app.MapGet("/api/reports", (RequestDelegate)(async c => await AdminHttp.WriteAsync(c.Response, await reports.ListAsync(c.RequestAborted), c.RequestAborted)));
        app.MapGet("/api/reports/{period}", (RequestDelegate)(async c => await AdminHttp.WriteAsync(c.Response, await reports.LatestAsync(Period(c), c.RequestAborted), c.RequestAborted)));
        app.MapGet("/api/reports/{period}/{version}/{**file}", (RequestDelegate)(async c => await AdminHttp.WriteAsync(c.Response,
            await reports.FileAsync(Period(c), (string)c.Request.RouteValues["version"]!, c.Request.RouteValues["file"] as string,
                c.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } etag ? etag : null, c.RequestAborted), c.RequestAborted)));
        app.MapGet("/api/health", (RequestDelegate)(async c => await AdminHttp.WriteAsync(c.Response, await health.CheckAsync(c.RequestAborted), c.RequestAborted)));
        app.MapGet("/api/openapi.json", (RequestDelegate)(c => AdminHttp.WriteAsync(c.Response, new ApiResponse(200, OpenApiDocument.Bytes), c.RequestAborted)));
        Route("POST", "/api/scoring/{period}", (c, by, body, ct) => api.StartScoringAsync(client, Period(c), body, by, ct));
        Route("GET", "/api/scoring/{period}", (c, _, _, ct) => api.RunStatusAsync(client, Period(c), ct));
        Route("POST", "/api/publications/{period}", (c, by, body, ct) => api.RepublishAsync(client, Period(c), body, by, ct));
        Route("GET", "/api/publications/{period}", (c, _, _, ct) => api.ListPublicationsAsync(Period(c), ct));
        Route("POST", "/api/publications/{period}/approval", (c, by, body, ct) => api.DecideAsync(client, Period(c), body, by, ct));
        Route("GET", "/api/scores/{period}", (c, _, _, ct) => api.ScoresAsync(Period(c), c.Request.Query["unit"].FirstOrDefault(), ct));
        Route("GET", "/api/reconciliation/{period}", (c, _, _, ct) => api.ReconciliationAsync(Period(c), c.Request.Query["unit"].FirstOrDefault(), ct));
        Route("GET", "/api/alerts", (c, _, _, ct) => api.AlertsAsync(c.Request.Query["unit"].FirstOrDefault(), c.Request.Query["state"].FirstOrDefault(), ct));
        Route("GET", "/api/provisional/{period}", (c, _, _, ct) => api.ProvisionalAsync(Period(c), c.Request.Query["unit"].FirstOrDefault(), ct));
        Route("POST", "/api/comparisons/{period}", (c, _, body, ct) => api.CompareAsync(Period(c), body, ct));
        Route("GET", "/api/sync/status", (_, _, _, ct) => api.SyncStatusAsync(ct));

        await app.StartAsync();
        var address = app.Urls.First();
        return new LocalApiServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
