using Hub.Http;
using Hub.Workflows.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Hub.Functions.Api;

/// <summary>Health per dependency (storage, sync queue, sources), for probes and for a first check after deployment.
/// Anonymous; the same answer as `hub serve`'s.</summary>
public sealed class HealthApi(HealthService health)
{
    [Function("Health")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct)
    {
        await AdminHttp.WriteAsync(request.HttpContext.Response, await health.CheckAsync(ct), ct);
        return new EmptyResult();
    }
}

/// <summary>The published reports, anonymous and read-only (App Service authentication leaves /api/reports open).</summary>
public sealed class ReportsFunctions(ReportsApi reports)
{
    [Function("ListReports")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports")] HttpRequest request, CancellationToken ct) =>
        Write(request, reports.ListAsync(ct), ct);

    [Function("LatestReport")]
    public Task<IActionResult> Latest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{period}")] HttpRequest request, string period, CancellationToken ct) =>
        Write(request, reports.LatestAsync(period, ct), ct);

    [Function("ReportFile")]
    public Task<IActionResult> File([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{period}/{version}/{*file}")] HttpRequest request, string period, string version, string file, CancellationToken ct) =>
        Write(request, reports.FileAsync(period, version, file, request.Headers.IfNoneMatch.ToString() is { Length: > 0 } etag ? etag : null, ct), ct);

    private static async Task<IActionResult> Write(HttpRequest request, Task<ApiResponse> answer, CancellationToken ct)
    {
        await AdminHttp.WriteAsync(request.HttpContext.Response, await answer, ct);
        return new EmptyResult();
    }
}
