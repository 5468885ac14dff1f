using System.Text;
using System.Text.Json;
using Hub.Workflows.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Http;

/// <summary>The one adapter between ASP.NET Core requests and the administrators' API, used by the Function App's
/// HTTP triggers and by `hub serve`: authenticate, read a bounded body, call the handler, write the answer.</summary>
public static class AdminHttp
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task ExecuteAsync(HttpContext context, AdminAuthenticator authenticator, ILogger logger,
        Func<AdminPrincipal, string?, CancellationToken, Task<ApiResponse>> handler)
    {
        var ct = context.RequestAborted;
        var (principal, failure) = authenticator.Authenticate(name => context.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
        if (failure is not null)
        {
            await WriteAsync(context.Response, failure, ct);
            return;
        }
        var (body, tooLarge) = await ReadBodyAsync(context.Request, ct);
        if (tooLarge)
        {
            await WriteAsync(context.Response, ApiResponse.Problem(413, "Request too large", $"The body is limited to {AdminApi.MaxBodyBytes} bytes."), ct);
            return;
        }
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["Admin"] = principal!.Name, ["Path"] = context.Request.Path.ToString() });
        ApiResponse response;
        try { response = await handler(principal, body, ct); }
        catch (Exception e) when (IsStorageUnavailable(e) && !ct.IsCancellationRequested)
        {
            // An outage, not a bug: say so, and when to come back. Nothing was changed.
            logger.LogWarning("Admin request {Method} {Path}: storage not reachable ({Error})", context.Request.Method, context.Request.Path, e.Message);
            response = ApiResponse.Problem(503, "Storage unavailable", "The hub's storage is not reachable; nothing was changed. Try again shortly.", retryAfter: 10);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Admin request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            response = ApiResponse.Problem(500, "Internal error", "The request failed; the error has been logged.");
        }
        logger.LogInformation("Admin {Method} {Path} by {Admin}: {Status}", context.Request.Method, context.Request.Path, principal.Name, response.Status);
        await WriteAsync(context.Response, response, ct);
    }

    private static bool IsStorageUnavailable(Exception e) => e switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        HttpRequestException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException a => a.InnerExceptions.All(IsStorageUnavailable),
        _ => e.InnerException is { } inner && IsStorageUnavailable(inner),
    };

    public static async Task WriteAsync(HttpResponse http, ApiResponse response, CancellationToken ct)
    {
        http.StatusCode = response.Status;
        if (response.Location is not null) http.Headers.Location = response.Location;
        if (response.RetryAfterSeconds is { } after) http.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in response.Headers) http.Headers[name] = value;
        if (response.Body is null) return;
        http.ContentType = response.ContentType;
        await http.Body.WriteAsync(response.Body is byte[] raw ? raw : JsonSerializer.SerializeToUtf8Bytes(response.Body, Json), ct);
    }

    /// <summary>Reads at most MaxBodyBytes; a larger body (declared or actual) is refused, not truncated.</summary>
    private static async Task<(string? Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > AdminApi.MaxBodyBytes) return (null, true);
        if (request.ContentLength == 0 || request.Body is null) return (null, false);
        var buffer = new byte[AdminApi.MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        if (total > AdminApi.MaxBodyBytes) return (null, true);
        return (total == 0 ? null : Encoding.UTF8.GetString(buffer, 0, total), false);
    }
}
