using Hub.Api.Auth;
using Hub.Domain.Periods;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
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
/// (below /api, in the syntax both hosts share), who may call it and the handler it hands over to; with what the
/// OpenAPI document says of it. What it answers is not written here: it is the handler's return type (Describe).</summary>
public sealed record ApiRoute(string Name, string Method, string Template, Access Access, Func<ApiCall, Task<IResult>> Handle, Action<EndpointBuilder> Describe)
{
    public string Path => "/api/" + Template;

    /// <summary>The route has a {period}, parsed (and refused with a 400) before its handler runs.</summary>
    public bool HasPeriod => Template.Contains("{period}", StringComparison.Ordinal);

    /// <summary>A row whose responses are the metadata of the handler's result type (Results&lt;Json&lt;T&gt;, Problem&gt;...).</summary>
    public static ApiRoute Of<TResult>(string name, string method, string template, Access access, Func<ApiCall, Task<TResult>> handle)
        where TResult : IResult, IEndpointMetadataProvider =>
        new(name, method, template, access, async call => await handle(call), builder => TResult.PopulateMetadata(handle.Method, builder));

    public string Tag { get; init; } = "";

    public string Summary { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>Path and query parameters beyond {period} (which every route with one shares).</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>The request body's type and content type; null: no body.</summary>
    public (Type Type, string ContentType, bool Required)? Body { get; init; }

    /// <summary>The problems the handler itself answers (400, 404, 409...). Authentication (401/403), the body limit
    /// (413) and an outage (503) follow from the access kind and the router.</summary>
    public IReadOnlyList<int> Problems { get; init; } = [];

    /// <summary>False for the one route that answers without storage (the OpenAPI document): no 503.</summary>
    public bool UsesStorage { get; init; } = true;
}

/// <summary>The parameters several routes share.</summary>
public static class ApiParameters
{
    public const string CodePattern = "^[A-Za-z0-9._-]{1,40}$";

    public static ApiParameter Unit(string description) => new("unit", ParameterIn.Query, description) { Pattern = CodePattern };

    public static readonly ApiParameter SubtreeOf = new("unit", ParameterIn.Query, "The unit whose subtree is shown", Required: true) { Pattern = CodePattern };

    public static readonly ApiParameter Principal = new("principal", ParameterIn.Path, "The viewer's user name (Entra ID user principal name)", Required: true) { MaxLength = 200 };

    public static readonly ApiParameter Period = new("period", ParameterIn.Path,
        "A month (2026-08), a quarter (2026-Q3) or a year (2026), Vietnam time; or a reporting period of Decree 09/2019 (15th to 14th): 2026-08-BC, 2026-Q3-BC, 2026-H1-BC, 2026-BC",
        Required: true) { Pattern = "^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])|-H1)?(-BC)?$", Example = "2026-Q3" };
}

public enum ParameterIn { Path, Query }

/// <summary>A path or query parameter as the OpenAPI document describes it (the handler validates it the same way).</summary>
public sealed record ApiParameter(string Name, ParameterIn In, string? Description = null, bool Required = false)
{
    public string Type { get; init; } = "string";

    public string? Pattern { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    public int? MaxLength { get; init; }

    public string? Default { get; init; }

    public string? Example { get; init; }
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
