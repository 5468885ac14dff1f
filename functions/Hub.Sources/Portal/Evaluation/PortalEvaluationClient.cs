using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Domain.Periods;
using Hub.Sources.Common;

namespace Hub.Sources.Portal.Evaluation;

/// <summary>Reads the portal's published evaluation of a period: the six endpoints, every page, in one capture.
/// Requests as the portal's own web client sends them (timeType + year/month/quarter, or fromDate/toDate; the
/// ministry's root department; currentPage/pageSize); answers are HTTP 201 with the envelope {code: "OK", data, message}.</summary>
public sealed class PortalEvaluationClient(HttpClient http, IOptions<PortalOptions> options, TimeProvider clock, ILogger<PortalEvaluationClient> logger)
{
    public const string SourceName = "portal-evaluation";
    private const int PageSize = 200;
    private const int MaxPages = 100;

    /// <summary>Why no request can be sent with the configured key, or null.</summary>
    public string? CredentialProblem => SourceRequests.KeyProblem(options.Value.ApiKey, PortalOptions.Section + ":ApiKey");

    /// <summary>One capture: the raw bytes of every response, as sent, with the time the capture started.</summary>
    public async Task<EvaluationCapture> CaptureAsync(Period period, CancellationToken ct)
    {
        var capturedAt = clock.GetUtcNow();
        var responses = new List<EvaluationResponse>();
        foreach (var endpoint in PortalEvaluationEndpoints.All)
        {
            for (var page = 1; page <= MaxPages; page++)
            {
                var (raw, totalPages) = await PostAsync(endpoint, period, page, ct);
                responses.Add(new EvaluationResponse(endpoint.Name, page, raw));
                if (totalPages <= page) break;
            }
        }
        logger.LogInformation("Captured the portal's evaluation of {Period}: {Responses} responses", period, responses.Count);
        return new EvaluationCapture(period, capturedAt, responses);
    }

    private async Task<(byte[] Raw, int TotalPages)> PostAsync(PortalEvaluationEndpoints.Endpoint endpoint, Period period, int page, CancellationToken ct)
    {
        var path = PortalEvaluationEndpoints.PathPrefix + endpoint.Name;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(Body(endpoint, period, page)) };
        request.Headers.Add("X-Api-Key", options.Value.ApiKey);
        var raw = await SourceRequests.SendAsync(http, request, SourceName, PortalOptions.Section + ":ApiKey", ct);
        return (raw, CheckEnvelope(raw, path));
    }

    internal JsonObject Body(PortalEvaluationEndpoints.Endpoint endpoint, Period period, int page)
    {
        var body = new JsonObject();
        if (endpoint.DateRange)
        {
            body["fromDate"] = Day(period.Start);
            body["toDate"] = Day(period.End.AddDays(-1));
        }
        else
        {
            body["timeType"] = period.KindName;
            body["year"] = period.Year;
            if (period.Kind == PeriodKind.Month) body["month"] = period.Number;
            if (period.Kind == PeriodKind.Quarter) body["quarter"] = period.Number;
        }
        if (!string.IsNullOrEmpty(options.Value.EvaluationRootId)) body["rootDepartmentId"] = options.Value.EvaluationRootId;
        body["currentPage"] = page;
        body["pageSize"] = PageSize;
        return body;
    }

    private static string Day(DateTimeOffset instant) => VietnamTime.LocalDate(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The envelope must say OK and hold data; returns the number of pages the answer says there are (1 for the
    /// tree endpoints, which are not paged).</summary>
    private static int CheckEnvelope(byte[] raw, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement;
            var code = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var c) ? c.ToString() : null;
            if (code != "OK")
                throw new SourceException(SourceName, $"POST {path} returned code '{code}': {(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m) ? m.ToString() : "")}");
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                throw new SourceException(SourceName, $"POST {path} returned no 'data' object.");
            return data.TryGetProperty("pagination", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("totalPages", out var t) && t.TryGetInt32(out var n) ? n : 1;
        }
        catch (JsonException e)
        {
            throw new SourceException(SourceName, $"POST {path} returned a body that is not JSON: {e.Message}", e);
        }
    }
}

public sealed record EvaluationResponse(string Endpoint, int Page, byte[] Raw);

public sealed record EvaluationCapture(Period Period, DateTimeOffset CapturedAt, IReadOnlyList<EvaluationResponse> Responses);
