using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Functions.Api;

/// <summary>RFC 7807 problem details responses.</summary>
internal static class Problem
{
    public static IActionResult Of(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (extensions is not null) foreach (var (k, v) in extensions) problem.Extensions[k] = v;
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    public static IActionResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Invalid request", detail);
}
