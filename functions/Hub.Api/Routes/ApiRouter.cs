using System.Text;
using Hub.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Api.Routes;

/// <summary>Runs one route of the table for one request, the same in both hosts: authenticate and authorise (role, then
/// a unit viewer's scope), read a
/// bounded body, call the handler, turn an outage into a 503 and a bug into a logged 500 without a trace.</summary>
public sealed class ApiRouter(IServiceProvider services, CallerAuthenticator authenticator, ILogger<ApiRouter> logger)
{
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>A pushed batch: 1,000 dossier records of a few KB each.</summary>
    public const int MaxPushBytes = 8 * 1024 * 1024;

    /// <summary>The Function App's triggers: run the route of that name. Route values bound by the trigger are passed
    /// in, so the handlers read them the same way whichever host matched the route.</summary>
    public Task ExecuteAsync(string routeName, HttpRequest request, DurableTaskClient? durable, params (string Name, string Value)[] routeValues)
    {
        foreach (var (name, value) in routeValues) request.RouteValues[name] = value;
        return ExecuteAsync(AdminRoutes.Named(routeName), request.HttpContext, durable);
    }

    public async Task ExecuteAsync(ApiRoute route, HttpContext http, DurableTaskClient? durable) =>
        await (await RunAsync(route, http, durable)).ExecuteAsync(http);

    public async Task<IResult> RunAsync(ApiRoute route, HttpContext http, DurableTaskClient? durable)
    {
        var request = http.Request;
        var ct = http.RequestAborted;
        Caller? principal = null;
        string? body = null;
        (string, Hub.Workflows.Sync.PushSender, byte[])? push = null;
        IReadOnlyList<string>? scope = null;
        if (route.Access is Access.Administrator or Access.UnitViewer or Access.Signed)
        {
            (principal, var failure) = authenticator.Authenticate(name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
            if (failure is not null) return failure;
            // Authorisation before anything is read or done: a viewer on an administrator's route, or outside their units.
            if (route.Access == Access.Administrator && !principal!.IsAdministrator)
                return Answer.Problem(403, "Forbidden", $"Only ministry administrators may use {route.Method} /api/{route.Template}; '{principal.Name}' is a unit viewer.");
            if (route.Access is Access.UnitViewer or Access.Signed)
            {
                var guard = services.GetRequiredService<ScopeGuard>();
                try
                {
                    (var refused, scope) = await guard.AuthorizeAsync(principal!, request.Query["unit"].FirstOrDefault(), unitRequired: route.Access == Access.UnitViewer, ct);
                    if (refused is not null) return refused;
                }
                catch (Exception e) when (IsStorageUnavailable(e) && !ct.IsCancellationRequested)
                {
                    return StorageUnavailable();
                }
            }
            (body, var tooLarge) = await ReadBodyAsync(request, ct);
            if (tooLarge) return Answer.TooLarge(MaxBodyBytes);
        }
        if (route.Access == Access.Sender)
        {
            var name = request.Headers.TryGetValue(SenderHeader, out var n) ? n.ToString() : null;
            var (sender, problem) = services.GetRequiredService<Hub.Workflows.Sync.PushIngestion>()
                .Authenticate(name, request.Headers.TryGetValue(SenderKeyHeader, out var k) ? k.ToString() : null);
            if (sender is null) return Answer.Problem(401, "Unauthorized", problem!);
            var (bytes, tooLarge) = await ReadBytesAsync(request, MaxPushBytes, ct);
            if (tooLarge) return Answer.TooLarge(MaxPushBytes);
            push = (name!, sender, bytes ?? []);
        }
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["Route"] = route.Name, ["Admin"] = principal?.Name ?? push?.Item1 ?? "anonymous" });
        IResult result;
        try { result = await route.Handle(new ApiCall(http, services, principal, body, durable) { Push = push, Scope = scope }); }
        catch (InvalidRouteValueException e) { result = Answer.BadRequest(e.Message); }
        catch (Exception e) when (IsStorageUnavailable(e) && !ct.IsCancellationRequested)
        {
            // An outage, not a bug: say so, and when to come back. Nothing was changed.
            logger.LogWarning("{Method} {Path}: storage not reachable ({Error})", request.Method, request.Path, e.Message);
            result = StorageUnavailable();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Method} {Path} failed", request.Method, request.Path);
            result = Answer.Problem(500, "Internal error", "The request failed; the error has been logged.");
        }
        if (principal is not null)
            logger.LogInformation("Admin {Method} {Path} by {Admin}: {Status}", request.Method, request.Path, principal.Name, Answer.StatusOf(result));
        return result;
    }

    /// <summary>The problems a route can answer: its handler's own, and what the router answers before or around it
    /// (authentication and authorisation, the body limit, a route value that is not one, an outage).</summary>
    public static IReadOnlySet<int> ProblemsOf(ApiRoute route)
    {
        var statuses = new HashSet<int>(route.Problems);
        if (route.Access is Access.Administrator or Access.UnitViewer or Access.Signed) statuses.UnionWith([401, 403]);
        if (route.Access == Access.Sender) statuses.Add(401);
        if (route.Access != Access.Anonymous && route.Method is "POST" or "PUT") statuses.Add(413);
        if (route.HasPeriod) statuses.Add(400);
        if (route.UsesStorage) statuses.Add(503);
        return statuses;
    }

    private static Problem StorageUnavailable() =>
        Answer.Problem(503, "Storage unavailable", "The hub's storage is not reachable; nothing was changed. Try again shortly.", retryAfter: 10);

    private static bool IsStorageUnavailable(Exception e) => e switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        HttpRequestException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException a => a.InnerExceptions.All(IsStorageUnavailable),
        _ => e.InnerException is { } inner && IsStorageUnavailable(inner),
    };

    public const string SenderHeader = "x-hub-sender";
    public const string SenderKeyHeader = "x-hub-sender-key";

    /// <summary>Reads at most MaxBodyBytes; a larger body (declared or actual) is refused, not truncated.</summary>
    private static async Task<(string? Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var (bytes, tooLarge) = await ReadBytesAsync(request, MaxBodyBytes, ct);
        return (bytes is { Length: > 0 } b ? Encoding.UTF8.GetString(b) : null, tooLarge);
    }

    private static async Task<(byte[]? Body, bool TooLarge)> ReadBytesAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return (null, true);
        if (request.ContentLength == 0 || request.Body is null) return (null, false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return (null, true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.Length == 0 ? null : buffer.ToArray(), false);
    }
}
