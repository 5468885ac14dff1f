using Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Hub.Functions.Api;

/// <summary>Liveness and storage reachability, for probes and for a first check after deployment. Anonymous,
/// and says nothing an outsider could use.</summary>
public sealed class HealthApi(StorageClients storage)
{
    [Function("Health")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct) =>
        await storage.IsReachableAsync(ct)
            ? new OkObjectResult(new { status = "healthy" })
            : new ObjectResult(new { status = "unhealthy", detail = "storage not reachable" }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
}
