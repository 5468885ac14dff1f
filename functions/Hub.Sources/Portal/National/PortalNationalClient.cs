using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Domain.Periods;
using Hub.Sources.Common;

namespace Hub.Sources.Portal.National;

/// <summary>Reads the portal's national ranking of a period from its <c>service-results</c> evaluation endpoint: the
/// ministries, the provinces, and, under each province, its Finance Department's row. The request carries the same
/// time fields as the six group endpoints and a <c>scope</c> (Ministries, Provinces, or Departments with the province's
/// <c>rootDepartmentId</c>); the answer is the envelope {code: "OK", data: {overview, items[], pagination}} whose rows
/// carry departmentId, departmentName, shortName, departmentCode, totalScore, groupScores and rank (the field names of
/// the published snapshot, docs/sources.md).</summary>
public sealed class PortalNationalClient(HttpClient http, IOptions<PortalOptions> options, TimeProvider clock, ILogger<PortalNationalClient> logger)
{
    public const string SourceName = "portal-national";
    public const string Path = Evaluation.PortalEvaluationEndpoints.PathPrefix + "service-results";
    /// <summary>How the portal names a province's Finance Department.</summary>
    public const string FinanceDepartmentPrefix = "Sở Tài chính";
    private const int PageSize = 100;
    private const int MaxPages = 20;

    public string? CredentialProblem => SourceRequests.KeyProblem(options.Value.ApiKey, PortalOptions.Section + ":ApiKey");

    /// <summary>One capture, as a document of the hub's own (period, capturedAt, ministries, provinces,
    /// financeDepartments: the rows as the portal sent them, a Finance Department's with the province's code).</summary>
    public async Task<byte[]> CaptureAsync(Period period, CancellationToken ct)
    {
        var capturedAt = clock.GetUtcNow();
        var ministries = await ItemsAsync(period, "Ministries", null, ct);
        var provinces = await ItemsAsync(period, "Provinces", null, ct);
        var finance = new JsonArray();
        foreach (var province in provinces)
        {
            var id = province["departmentId"]?.GetValue<string>() ?? throw new SourceException(SourceName, "a province row has no departmentId");
            var departments = await ItemsAsync(period, "Departments", id, ct);
            if (departments.FirstOrDefault(d => (d["departmentName"]?.GetValue<string>() ?? "").StartsWith(FinanceDepartmentPrefix, StringComparison.Ordinal)) is { } row)
            {
                var copy = row.DeepClone().AsObject();
                copy["provinceCode"] = province["departmentCode"]?.DeepClone();
                finance.Add(copy);
            }
            else logger.LogWarning("{Period}: the portal lists no Finance Department under {Province}", period, province["departmentName"]?.GetValue<string>());
        }
        logger.LogInformation("Captured the portal's national ranking of {Period}: {Ministries} ministries, {Provinces} provinces, {Finance} Finance Departments",
            period, ministries.Count, provinces.Count, finance.Count);
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["period"] = period.ToString(),
            ["capturedAt"] = capturedAt.ToString("O", CultureInfo.InvariantCulture),
            ["ministries"] = new JsonArray([.. ministries.Select(m => m.DeepClone())]),
            ["provinces"] = new JsonArray([.. provinces.Select(p => p.DeepClone())]),
            ["financeDepartments"] = finance,
        });
    }

    private async Task<List<JsonNode>> ItemsAsync(Period period, string scope, string? root, CancellationToken ct)
    {
        var items = new List<JsonNode>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var body = new JsonObject { ["timeType"] = period.KindName, ["year"] = period.Year, ["scope"] = scope, ["currentPage"] = page, ["pageSize"] = PageSize };
            if (period.Kind == PeriodKind.Month) body["month"] = period.Number;
            if (period.Kind == PeriodKind.Quarter) body["quarter"] = period.Number;
            if (root is not null) body["rootDepartmentId"] = root;
            using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Api-Key", options.Value.ApiKey);
            var raw = await SourceRequests.SendAsync(http, request, SourceName, PortalOptions.Section + ":ApiKey", ct);
            JsonNode? data;
            try { data = JsonNode.Parse(raw) is JsonObject o && o["code"]?.ToString() == "OK" ? o["data"] : null; }
            catch (JsonException e) { throw new SourceException(SourceName, $"POST {Path} ({scope}) returned a body that is not JSON: {e.Message}", e); }
            if (data?["items"] is not JsonArray rows) throw new SourceException(SourceName, $"POST {Path} ({scope}) returned no data.items.");
            items.AddRange(rows.Where(r => r is not null).Select(r => r!));
            var pages = data["pagination"]?["totalPages"]?.GetValue<int>() ?? 1;
            if (page >= pages) break;
        }
        return items;
    }
}
