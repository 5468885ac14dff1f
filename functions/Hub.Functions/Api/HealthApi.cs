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
