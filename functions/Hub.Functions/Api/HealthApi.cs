using Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Hub.Functions.Api;

/// <summary>Liveness and storage reachability, for probes and for a first check after deployment. Anonymous,
/// and says nothing an outsider could use.</summary>
public sealed class HealthApi(StorageClients storage, TimeProvider clock)
{
    [Function("Health")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            await storage.Table(StorageNames.SyncStateTable).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cts.Token).AsPages().FirstAsync(cts.Token);
            return new OkObjectResult(new { status = "healthy", at = clock.GetUtcNow() });
        }
        catch (Exception)
        {
            return new ObjectResult(new { status = "unhealthy", at = clock.GetUtcNow(), detail = "storage not reachable" }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }
    }
}
