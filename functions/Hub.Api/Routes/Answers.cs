using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Api.Routes;

/// <summary>The answers the handlers give (the same objects run in the Function App and in `hub serve`). Each handler
/// declares what it answers in its return type (Results&lt;Json&lt;T&gt;, Problem&gt;, ...): the route table reads those
/// types' metadata, and the OpenAPI document is generated from it (`hub openapi`). Errors are RFC 7807 problem details
/// with a stable type per status.</summary>
public static class Answer
{
    /// <summary>Web defaults; Vietnamese names stay readable in the JSON instead of \u escapes.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Json<T> Ok<T>(T body) => new(body);

    public static JsonCreated<T> Created<T>(T body, string location) => new(body, location);

    public static JsonAccepted<T> Accepted<T>(T body, string location) => new(body, location);

    public static Problem Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null, int? retryAfter = null)
    {
        var problem = new Problem(status, title, detail, extensions);
        return retryAfter is { } seconds ? problem.WithHeaders(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))) : problem;
    }

    public static Problem BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static Problem NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static Problem TooLarge(int limit) => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body is limited to {limit} bytes.");

    /// <summary>Further response headers (ETag, Cache-Control, Retry-After) on one of the hub's answers.</summary>
    public static T WithHeaders<T>(this T result, params (string Name, string Value)[] headers) where T : HubResult
    {
        result.Add(headers);
        return result;
    }

    /// <summary>The status a result will write (tests and logs read it without executing the result), through a
    /// Results&lt;...&gt; union to the answer inside.</summary>
    public static int StatusOf(IResult result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        _ => StatusCodes.Status200OK,
    };
}

/// <summary>One of the hub's answers: a status, headers, a body. Subclasses say what body, and which status and
/// content type they declare to the route table.</summary>
public abstract class HubResult(int status) : IResult, IStatusCodeHttpResult
{
    private readonly List<(string Name, string Value)> headers = [];

    public int StatusCode { get; } = status;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public IReadOnlyList<(string Name, string Value)> Headers => headers;

    internal void Add((string Name, string Value)[] more) => headers.AddRange(more);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in headers) response.Headers[name] = value;
        return WriteBodyAsync(response);
    }

    protected abstract Task WriteBodyAsync(HttpResponse response);
}

/// <summary>A JSON body (200 unless said otherwise), written with Answer.JsonOptions.</summary>
public class Json<T>(T value, int status = StatusCodes.Status200OK) : HubResult(status), IEndpointMetadataProvider
{
    public T Value { get; } = value;

    protected override Task WriteBodyAsync(HttpResponse response) =>
        response.WriteAsJsonAsync(Value, Answer.JsonOptions, "application/json; charset=utf-8", response.HttpContext.RequestAborted);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>201 with the new resource and its Location.</summary>
public sealed class JsonCreated<T> : Json<T>, IEndpointMetadataProvider
{
    public JsonCreated(T value, string location) : base(value, StatusCodes.Status201Created) => Add([("Location", location)]);

    public static new void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
        builder.Metadata.Add(new LocationHeader(StatusCodes.Status201Created, "The new resource"));
    }
}

/// <summary>202: the work is started; Location is where to follow it.</summary>
public sealed class JsonAccepted<T> : Json<T>, IEndpointMetadataProvider
{
    public JsonAccepted(T value, string location) : base(value, StatusCodes.Status202Accepted) => Add([("Location", location)]);

    public static new void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(T), ["application/json"]));
        builder.Metadata.Add(new LocationHeader(StatusCodes.Status202Accepted, "Where to follow the work started"));
    }
}

/// <summary>302 to a resource, with a JSON body saying where (for clients that do not follow redirects).</summary>
public sealed class JsonFound<T> : Json<T>, IEndpointMetadataProvider
{
    public JsonFound(T value, string location) : base(value, StatusCodes.Status302Found) => Add([("Location", location)]);

    public static new void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status302Found, typeof(T), ["application/json"]));
        builder.Metadata.Add(new LocationHeader(StatusCodes.Status302Found, "Where the resource is"));
    }
}

/// <summary>503 with a JSON body that says why (the health check's report when storage does not answer).</summary>
public sealed class Unavailable<T>(T value) : Json<T>(value, StatusCodes.Status503ServiceUnavailable), IEndpointMetadataProvider
{
    public static new void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(T), ["application/json"]));
}

/// <summary>An RFC 7807 problem (4xx/5xx). Which statuses a route can answer is said by its row in the route table
/// (and, for authentication, body size and outages, by its access kind).</summary>
public sealed class Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) : HubResult(status)
{
    public ProblemDetails Details { get; } = Build(status, title, detail, extensions);

    private static ProblemDetails Build(int status, string title, string detail, IDictionary<string, object?>? extensions)
    {
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) details.Extensions[key] = value;
        return details;
    }

    protected override Task WriteBodyAsync(HttpResponse response) =>
        response.WriteAsJsonAsync(Details, Answer.JsonOptions, "application/problem+json; charset=utf-8", response.HttpContext.RequestAborted);
}

/// <summary>Bytes of a file with its content type (and a download name); TKind declares which types the route serves.</summary>
public sealed class FileAnswer<TKind>(byte[] content, string contentType, string? downloadName = null) : HubResult(StatusCodes.Status200OK), IEndpointMetadataProvider
    where TKind : IFileKind
{
    protected override async Task WriteBodyAsync(HttpResponse response)
    {
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        if (downloadName is not null)
            response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = downloadName }.ToString();
        await response.Body.WriteAsync(content, response.HttpContext.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TKind), TKind.ContentTypes));
}

/// <summary>What kinds of file a route serves (for its documentation: the bytes as they are, an example of the JSON ones).</summary>
public interface IFileKind
{
    static abstract string[] ContentTypes { get; }
}

/// <summary>A watch list exported for a spreadsheet.</summary>
public sealed class Spreadsheet : IFileKind
{
    public static string[] ContentTypes => ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];
}

/// <summary>The files a publication writes.</summary>
public sealed class PublishedFile : IFileKind
{
    public static string[] ContentTypes => ["text/html", "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"];
}

/// <summary>The API's own OpenAPI document.</summary>
public sealed class OpenApiFile : IFileKind
{
    public static string[] ContentTypes => ["application/json"];
}

/// <summary>A page of the console (server-rendered HTML).</summary>
public abstract class HtmlPage(string html, int status) : HubResult(status)
{
    public string Content { get; } = html;

    protected override Task WriteBodyAsync(HttpResponse response)
    {
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(Content, System.Text.Encoding.UTF8, response.HttpContext.RequestAborted);
    }

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(string), ["text/html"]));
}

/// <summary>200: the page asked for.</summary>
public sealed class Html(string html) : HtmlPage(html, StatusCodes.Status200OK), IEndpointMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status200OK);
}

/// <summary>202: the page saying the work asked for has started.</summary>
public sealed class HtmlAccepted : HtmlPage, IEndpointMetadataProvider
{
    public HtmlAccepted(string html, string location) : base(html, StatusCodes.Status202Accepted) => Add([("Location", location)]);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status202Accepted);
        builder.Metadata.Add(new LocationHeader(StatusCodes.Status202Accepted, "Where to follow the work started"));
    }
}

/// <summary>A page that refuses or cannot do what was asked (4xx); the route's Problems declare its statuses.</summary>
public sealed class HtmlRefusal(string html, int status) : HtmlPage(html, status), IEndpointMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) { }
}

/// <summary>204 after a delete: nothing left to say.</summary>
public sealed class Deleted() : HubResult(StatusCodes.Status204NoContent), IEndpointMetadataProvider
{
    protected override Task WriteBodyAsync(HttpResponse response) => Task.CompletedTask;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status204NoContent, typeof(void), []));
}

/// <summary>304: the caller's copy (If-None-Match) is the current one.</summary>
public sealed class NotModified() : HubResult(StatusCodes.Status304NotModified), IEndpointMetadataProvider
{
    protected override Task WriteBodyAsync(HttpResponse response) => Task.CompletedTask;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
}

/// <summary>Endpoint metadata: this status carries a Location header (the OpenAPI document says so).</summary>
public sealed record LocationHeader(int Status, string Description);
