using Hub.Api.Auth;
using Hub.Domain.Periods;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Routes;

/// <summary>Who may call a route: anyone (health, the OpenAPI document, the published reports), an administrator
/// (function key + App Service authentication in Azure, the development key locally), an administrator or a unit
/// viewer for a unit (?unit=) of the viewer's scope, or a sending system pushing records (function key in Azure + its
/// own sender key, x-hub-sender / x-hub-sender-key, everywhere).</summary>
public enum Access
{
    Anonymous,
    Administrator,
    UnitViewer,
    /// <summary>Any signed-in caller, administrator or unit viewer; the handler shows each what their scope allows
    /// (the console's pages).</summary>
    Signed,
    Sender,
}

/// <summary>One operation of the API: its function name (the Function App's [Function]), HTTP method, route template
/// (below /api, in the syntax both hosts share) and the handler it hands over to.</summary>
public sealed record ApiRoute(string Name, string Method, string Template, Access Access, Func<ApiCall, Task<IResult>> Handle)
{
    public string Path => "/api/" + Template;
}

/// <summary>What a handler gets: the request's route values and query, who is asking, the bounded body, the hub's
/// services and, for the routes that start or inspect runs, the durable client of the host.</summary>
public sealed record ApiCall(HttpContext Http, IServiceProvider Services, Caller? By, string? Body, DurableTaskClient? DurableClient)
{
    /// <summary>A sending system's route: who sent (authenticated) and the batch as bytes (bounded, not decoded).</summary>
    public (string Name, Hub.Workflows.Sync.PushSender Sender, byte[] Body)? Push { get; init; }

    public CancellationToken Ct => Http.RequestAborted;

    public string Route(string name) => Http.GetRouteValue(name) as string ?? "";

    /// <summary>The route's {period}, parsed once here: handlers get a Period, never a string to parse again.</summary>
    public Period Period => Period.TryParse(Route("period"), out var p, out var error) ? p : throw new InvalidRouteValueException(error);

    public string? Query(string name) => Http.Request.Query[name].FirstOrDefault();

    public string? Header(string name) => Http.Request.Headers.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } s ? s : null;

    public Caller Admin => By ?? throw new InvalidOperationException("This route is anonymous.");

    /// <summary>The root units the caller may see; null: an administrator, everything.</summary>
    public IReadOnlyList<string>? Scope { get; init; }

    public DurableTaskClient Durable => DurableClient ?? throw new InvalidOperationException("This route needs the host's durable client.");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>A route value that is not what the route promises (a period that is not a period): the router answers
/// 400 with the message, before any handler runs.</summary>
public sealed class InvalidRouteValueException(string message) : Exception(message);
