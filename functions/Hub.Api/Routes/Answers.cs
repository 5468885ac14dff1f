using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Routes;

/// <summary>The answers the handlers give, as ASP.NET Core results (the same objects run in the Function App and in
/// `hub serve`). Errors are RFC 7807 problem details with a stable type per status.</summary>
public static class Answer
{
    /// <summary>Web defaults; Vietnamese names stay readable in the JSON instead of \u escapes.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonHttpResult<T> Ok<T>(T body) => TypedResults.Json(body, JsonOptions);

    public static JsonHttpResult<T> Json<T>(T body, int status) => TypedResults.Json(body, JsonOptions, statusCode: status);

    public static IResult Accepted<T>(T body, string location) => Json(body, StatusCodes.Status202Accepted).WithHeaders(("Location", location));

    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null, int? retryAfter = null)
    {
        var problem = TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://httpstatuses.io/{status}", extensions: extensions);
        return retryAfter is { } seconds ? problem.WithHeaders(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))) : problem;
    }

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult TooLarge(int limit) => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body is limited to {limit} bytes.");

    /// <summary>A result with further response headers (Location, ETag, Cache-Control, Retry-After).</summary>
    public static IResult WithHeaders(this IResult result, params (string Name, string Value)[] headers) => new HeaderedResult(result, headers);

    /// <summary>The status a result will write (tests and logs read it without executing the result): a result that
    /// sets none (TypedResults.Json, Bytes...) answers 200.</summary>
    public static int StatusOf(IResult result) => (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;

    private sealed class HeaderedResult(IResult inner, (string Name, string Value)[] headers) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusOf(inner);

        public Task ExecuteAsync(HttpContext httpContext)
        {
            foreach (var (name, value) in headers) httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
