namespace Hub.Workflows.Admin;

/// <summary>A transport-neutral HTTP answer: the Function App and `hub serve` both turn it into a response.</summary>
public sealed record ApiResponse(int Status, object? Body, string ContentType = "application/json", string? Location = null, int? RetryAfterSeconds = null)
{
    /// <summary>Further response headers (ETag, Cache-Control).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResponse Ok(object body) => new(200, body);

    public static ApiResponse Accepted(object body, string location) => new(202, body, Location: location);

    /// <summary>RFC 7807 problem details.</summary>
    public static ApiResponse Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null, int? retryAfter = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://httpstatuses.io/{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (extensions is not null) foreach (var (k, v) in extensions) body[k] = v;
        return new ApiResponse(status, body, "application/problem+json", RetryAfterSeconds: retryAfter);
    }

    public static ApiResponse BadRequest(string detail) => Problem(400, "Invalid request", detail);

    public static ApiResponse NotFound(string detail) => Problem(404, "Not found", detail);
}
