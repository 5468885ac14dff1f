using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Sources.Portal.Evaluation;

namespace Hub.Simulators.Portal.Evaluation;

/// <summary>Answers <c>POST /api/v1/reporting/evaluation/{endpoint}</c> in the portal's wire format: for Phú Thọ
/// (rootDepartmentId of H44), the captured responses of year 2026 and month 2026-08 verbatim; for the Ministry's
/// synthetic units, responses of the same shape computed from the simulator's own data.</summary>
public sealed class EvaluationResponses(PortalDataSet data)
{
    public const string PhuThoRootId = "019d2be3-6a88-732b-8b17-b68020c8553a";
    private readonly ConcurrentDictionary<Period, Lazy<SimulatedEvaluation>> _computed = new();

    public sealed record Answer(int Status, byte[] Body);

    public Answer Respond(string endpointName, JsonElement body)
    {
        if (endpointName == "service-results") return National(body);
        var endpoint = PortalEvaluationEndpoints.All.FirstOrDefault(e => e.Name == endpointName);
        if (endpoint is null) return Error(404, "NOT_FOUND", $"Không tìm thấy API {endpointName}");
        if (!TryPeriod(body, endpoint.DateRange, out var period)) return Error(400, "BAD_REQUEST", "Tham số thời gian không hợp lệ");
        var root = body.TryGetProperty("rootDepartmentId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (root == PhuThoRootId)
        {
            var file = period.ToString() switch { "2026" => "year-all.json", "2026-08" => "month-all.json", _ => null };
            if (file is null) return Error(404, "NO_DATA", $"Không có dữ liệu đánh giá kỳ {period}");
            using var stream = typeof(EvaluationResponses).Assembly.GetManifestResourceStream($"captures/{endpoint.Name}/{file}")!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new Answer(201, copy.ToArray());
        }
        var page = body.TryGetProperty("currentPage", out var cp) && cp.TryGetInt32(out var pn) && pn > 0 ? pn : 1;
        var size = body.TryGetProperty("pageSize", out var ps) && ps.TryGetInt32(out var sn) && sn > 0 ? Math.Min(sn, 500) : 200;
        var evaluation = _computed.GetOrAdd(period, p => new Lazy<SimulatedEvaluation>(() => SimulatedEvaluation.Compute(data, p))).Value;
        var responseData = endpoint.TreeShape ? Tree(endpoint.Group, evaluation) : Evaluation(endpoint, evaluation, page, size);
        var envelope = new JsonObject { ["code"] = "OK", ["data"] = responseData, ["message"] = "OK" };
        return new Answer(201, JsonSerializer.SerializeToUtf8Bytes(envelope));
    }

    /// <summary>The national ranking: ministries, provinces, a province's departments (National/NationalResponses).</summary>
    private Answer National(JsonElement body)
    {
        if (!TryPeriod(body, dateRange: false, out var period)) return Error(400, "BAD_REQUEST", "Tham số thời gian không hợp lệ");
        var scope = body.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        if (scope is not ("Ministries" or "Provinces" or "Departments")) return Error(400, "BAD_REQUEST", "Tham số scope không hợp lệ");
        var root = body.TryGetProperty("rootDepartmentId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var page = body.TryGetProperty("currentPage", out var cp) && cp.TryGetInt32(out var pn) && pn > 0 ? pn : 1;
        var size = body.TryGetProperty("pageSize", out var ps) && ps.TryGetInt32(out var sn) && sn > 0 ? Math.Min(sn, 500) : 200;
        var evaluation = _computed.GetOrAdd(period, p => new Lazy<SimulatedEvaluation>(() => SimulatedEvaluation.Compute(data, p))).Value;
        var ministry = evaluation.Scored.Units.Single(u => u.Code == evaluation.Tree.Roots[0]);
        var groups = ministry.Groups.ToDictionary(g => g.Id, g => g.Score ?? 0, StringComparer.Ordinal);
        var national = Hub.Simulators.Portal.National.NationalResponses.Respond(period, scope, root, (ministry.Code, ministry.Name, groups), page, size);
        return new Answer(201, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["code"] = "OK", ["data"] = national, ["message"] = "OK" }));
    }

    private static bool TryPeriod(JsonElement body, bool dateRange, out Period period)
    {
        period = default;
        if (body.ValueKind != JsonValueKind.Object) return false;
        if (dateRange)
        {
            if (!body.TryGetProperty("fromDate", out var f) || !body.TryGetProperty("toDate", out var t)
                || !DateOnly.TryParseExact(f.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(t.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)) return false;
            var months = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
            var text = months switch { 1 => $"{from:yyyy-MM}", 3 => $"{from.Year}-Q{(from.Month - 1) / 3 + 1}", _ => $"{from.Year}" };
            return Period.TryParse(text, out period, out _);
        }
        if (!body.TryGetProperty("timeType", out var type) || !body.TryGetProperty("year", out var y) || !y.TryGetInt32(out var year)) return false;
        var value = type.GetString() switch
        {
            "month" when body.TryGetProperty("month", out var m) && m.TryGetInt32(out var month) => $"{year}-{month:D2}",
            "quarter" when body.TryGetProperty("quarter", out var q) && q.TryGetInt32(out var quarter) => $"{year}-Q{quarter}",
            "year" => $"{year}",
            _ => null,
        };
        return Period.TryParse(value, out period, out _);
    }

    private static JsonObject Tree(string group, SimulatedEvaluation e)
    {
        var root = e.Tree.Roots[0];
        JsonObject Row(string code, bool isRoot)
        {
            var unit = e.Tree[code];
            var result = e.Scored.Units.Single(u => u.Code == code);
            var score = result.Groups.Single(g => g.Id == group);
            var c = e.Counts[code];
            var row = new JsonObject { ["departmentId"] = SimulatedEvaluation.DepartmentId(code), ["departmentName"] = unit.Name, ["departmentCode"] = code };
            if (!isRoot) row["level"] = "MINISTRY";
            switch (group)
            {
                case "TDGQ":
                    var t = c.GetValueOrDefault("DOSSIER_ON_TIME") ?? MeasureCount.Zero;
                    row["totalReceived"] = t.Denominator; row["totalOnTime"] = t.Numerator;
                    if (isRoot) row["totalCompleted"] = t.Numerator; else row["totalOverdue"] = t.Denominator - t.Numerator;
                    row["avgProcessingDays"] = 5.5;
                    row["ratio"] = Percent(t);
                    row[isRoot ? "totalScore" : "score"] = score.Score; row[isRoot ? "totalMaxScore" : "maxScore"] = score.Max;
                    break;
                case "TTTT":
                    var pay = c.GetValueOrDefault("ONLINE_PAYMENT_DOSSIER") ?? MeasureCount.Zero;
                    var formality = c.GetValueOrDefault("ONLINE_PAYMENT_FORMALITY") ?? MeasureCount.Zero;
                    var integrated = c.GetValueOrDefault("FEE_FORMALITY_INTEGRATED") ?? MeasureCount.Zero;
                    row["totalMaxScore"] = score.Max; row["totalScore"] = score.Score; row["ratio"] = score.Score is { } s ? Math.Round(s / score.Max * 100, 2) : null;
                    row["totalDossierOnlinePaymentSuccess"] = pay.Numerator; row["totalDossierFinancialObligation"] = pay.Denominator;
                    row["totalDossierOnlineFormalityPaymentSuccess"] = formality.Numerator; row["totalFeeDossierFormalityDistinct"] = formality.Denominator;
                    row["totalFeeDossierFormality"] = integrated.Numerator; row["totalFeeFormality"] = formality.Denominator;
                    break;
                default: // ONLINE: counts on the root row only
                    row["totalScore"] = score.Score; row["totalMaxScore"] = score.Max; row["ratio"] = score.Score is { } o ? Math.Round(o / score.Max * 100, 2) : null;
                    if (isRoot)
                    {
                        var provided = c.GetValueOrDefault("ONLINE_SERVICE_PROVIDED") ?? MeasureCount.Zero;
                        var used = c.GetValueOrDefault("ONLINE_SERVICE_WITH_DOSSIER") ?? MeasureCount.Zero;
                        var share = c.GetValueOrDefault("ONLINE_DOSSIER_SHARE") ?? MeasureCount.Zero;
                        row["authorityCount"] = provided.Denominator; row["partialCount"] = provided.Numerator / 2; row["fullCount"] = provided.Numerator - provided.Numerator / 2;
                        row["onlineDossierCount"] = used.Numerator; row["onlineServiceTotal"] = used.Denominator;
                        row["channelOnlineSum"] = share.Numerator; row["channelDirectSum"] = share.Denominator - share.Numerator; row["channelPostalSum"] = 0; row["channelTotalSum"] = share.Denominator;
                    }
                    break;
            }
            if (!isRoot) row["scoreDelta"] = null;
            return row;
        }
        var children = new JsonArray();
        foreach (var u in e.Tree.Units.Where(u => u.Code != root)) children.Add(Row(u.Code, false));
        return new JsonObject { ["parent"] = Row(root, true), ["children"] = children };
    }

    private static JsonObject Evaluation(PortalEvaluationEndpoints.Endpoint endpoint, SimulatedEvaluation e, int page, int size)
    {
        var root = e.Tree.Roots[0];
        // Like the real API, handling-satisfaction names no departmentCode, and transparency's overview neither.
        var withCode = endpoint.Group switch { "MDHL" => false, _ => true };
        JsonObject Row(string code, int stt, bool isRoot)
        {
            var result = e.Scored.Units.Single(u => u.Code == code);
            var score = result.Groups.Single(g => g.Id == endpoint.Group);
            var row = new JsonObject { ["stt"] = stt, ["departmentId"] = SimulatedEvaluation.DepartmentId(code), ["departmentName"] = e.Tree[code].Name };
            if (withCode && !(isRoot && endpoint.Group == "CKMB")) row["departmentCode"] = code;
            row["departmentType"] = isRoot ? "MINISTRY" : "MINISTRY_UNIT";
            row["agencyLevel"] = isRoot ? "level_1" : "level_2";
            row["totalScore"] = score.Score; row["totalMaxScore"] = score.Max; row["ratio"] = score.Score is { } s ? Math.Round(s / score.Max * 100, 2) : null;
            row["scoreDelta"] = null;
            var metrics = new JsonArray();
            foreach (var i in result.Indicators.Where(i => i.GroupId == endpoint.Group))
            {
                var certified = i.Id == "ELECTRONIC_CERTIFIED_COPY";
                metrics.Add(new JsonObject
                {
                    ["code"] = i.Id, ["name"] = i.Name,
                    ["numerator"] = certified ? null : i.Numerator, ["denominator"] = certified ? null : i.Denominator,
                    ["ratio"] = certified ? 100 : i.Denominator is > 0 ? Math.Round(100.0 * i.Numerator!.Value / i.Denominator.Value, 2) : null,
                    ["score"] = i.Points, ["maxScore"] = i.Max,
                });
            }
            row["metrics"] = metrics;
            if (endpoint.Group == "MDHL") row["totalPetitions"] = e.Counts[code].GetValueOrDefault("PETITION_PROCESSING_ON_TIME")?.Denominator ?? 0;
            return row;
        }
        var others = e.Tree.Units.Where(u => u.Code != root).Select(u => u.Code).ToList();
        var evaluation = new JsonArray();
        var stt = (page - 1) * size;
        foreach (var code in others.Skip((page - 1) * size).Take(size)) evaluation.Add(Row(code, ++stt, false));
        return new JsonObject
        {
            ["overview"] = Row(root, 1, true),
            ["evaluation"] = evaluation,
            ["pagination"] = new JsonObject { ["total"] = others.Count, ["currentPage"] = page, ["pageSize"] = size, ["totalPages"] = Math.Max(1, (others.Count + size - 1) / size) },
            ["source"] = "simulator",
        };
    }

    private static double? Percent(MeasureCount c) => c.Denominator > 0 ? Math.Round(100.0 * c.Numerator / c.Denominator, 2) : 0;

    private static Answer Error(int status, string code, string message) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["code"] = code, ["data"] = null, ["message"] = message }));
}
