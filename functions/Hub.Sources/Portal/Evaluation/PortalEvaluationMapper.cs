using System.Text;
using Hub.Domain.Portal;

namespace Hub.Sources.Portal.Evaluation;

/// <summary>The one place where the portal's evaluation responses become <see cref="PortalEvaluationRow"/>s.
/// Unknown fields are ignored; a row without an id, with an id no endpoint of the capture names a code for, or with a
/// count or score that is not a number, is refused with the reason (the rest of the capture stands).</summary>
public static class PortalEvaluationMapper
{
    /// <summary>The capture as one archived document (each response's bytes kept as sent) and its rows, one record
    /// each: {endpoint, page, role: "root" | "child", row}.</summary>
    public static (byte[] Document, IReadOnlyList<JsonElement> Records) Flatten(EvaluationCapture capture)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("period", capture.Period.ToString());
            w.WriteString("capturedAt", capture.CapturedAt);
            w.WriteStartArray("responses");
            foreach (var r in capture.Responses)
            {
                w.WriteStartObject();
                w.WriteString("endpoint", r.Endpoint);
                w.WriteNumber("page", r.Page);
                w.WritePropertyName("body");
                w.WriteRawValue(r.Raw, skipInputValidation: false);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        var document = buffer.ToArray();

        var records = new List<JsonElement>();
        foreach (var r in capture.Responses)
        {
            var endpoint = PortalEvaluationEndpoints.ByName(r.Endpoint);
            using var doc = JsonDocument.Parse(r.Raw);
            var data = doc.RootElement.GetProperty("data");
            var (rootName, childrenName) = endpoint.TreeShape ? ("parent", "children") : ("overview", "evaluation");
            if (r.Page == 1 && data.TryGetProperty(rootName, out var root) && root.ValueKind == JsonValueKind.Object) records.Add(Wrap(endpoint.Name, r.Page, "root", root));
            if (data.TryGetProperty(childrenName, out var children) && children.ValueKind == JsonValueKind.Array)
                foreach (var child in children.EnumerateArray()) records.Add(Wrap(endpoint.Name, r.Page, "child", child));
        }
        return (document, records);
    }

    private static JsonElement Wrap(string endpoint, int page, string role, JsonElement row)
    {
        var sb = new StringBuilder();
        sb.Append("{\"endpoint\":").Append(JsonSerializer.Serialize(endpoint)).Append(",\"page\":").Append(page)
          .Append(",\"role\":\"").Append(role).Append("\",\"row\":").Append(row.GetRawText()).Append('}');
        using var doc = JsonDocument.Parse(sb.ToString());
        return doc.RootElement.Clone();
    }

    public sealed record Mapped(int Index, string? Id, PortalEvaluationRow? Row, string? Error);

    /// <summary>Maps every record of a capture. Codes missing from one endpoint (handling-satisfaction, transparency's
    /// overview) are joined by departmentId from another endpoint of the same capture.</summary>
    public static IReadOnlyList<Mapped> Map(IReadOnlyList<JsonElement> records)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? rootCode = null;
        foreach (var record in records)
        {
            var row = record.GetProperty("row");
            if (Str(row, "departmentId") is { } id && Str(row, "departmentCode") is { } code && code.Length > 0)
            {
                codes.TryAdd(id, code);
                if (record.GetProperty("role").GetString() == "root") rootCode ??= code;
            }
        }
        if (rootCode is null)
            foreach (var record in records.Where(r => r.GetProperty("role").GetString() == "root"))
                if (Str(record.GetProperty("row"), "departmentId") is { } id && codes.TryGetValue(id, out var c)) { rootCode = c; break; }

        var result = new List<Mapped>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var row = record.GetProperty("row");
            var id = Str(row, "departmentId");
            try
            {
                var endpoint = PortalEvaluationEndpoints.ByName(record.GetProperty("endpoint").GetString()!);
                if (string.IsNullOrEmpty(id)) throw new FormatException("field 'departmentId' is missing");
                var code = Str(row, "departmentCode") is { Length: > 0 } own ? own
                    : codes.TryGetValue(id, out var joined) ? joined
                    : throw new FormatException($"no departmentCode, and no other endpoint of this capture names departmentId {id}");
                var isRoot = record.GetProperty("role").GetString() == "root";
                var parent = isRoot ? null : rootCode;
                result.Add(new Mapped(i, id, MapRow(endpoint, row, code, id, parent, isRoot), null));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
            {
                result.Add(new Mapped(i, id, null, $"{record.GetProperty("endpoint").GetString()} row {id ?? "(no id)"}: {e.Message}"));
            }
        }
        return result;
    }

    private static PortalEvaluationRow MapRow(PortalEvaluationEndpoints.Endpoint endpoint, JsonElement row, string code, string id, string? parent, bool isRoot)
    {
        var score = Number(row, "totalScore") ?? Number(row, "score");
        var max = Number(row, "totalMaxScore") ?? Number(row, "maxScore") ?? throw new FormatException("field 'totalMaxScore' is missing");
        var figures = endpoint.Group switch
        {
            "TDGQ" => [new PortalIndicatorFigure("DOSSIER_ON_TIME", Count(row, "totalOnTime"), Count(row, "totalReceived"), score, max, Number(row, "ratio"))],
            "TTTT" =>
            [
                new PortalIndicatorFigure("ONLINE_PAYMENT_DOSSIER", Count(row, "totalDossierOnlinePaymentSuccess"), Count(row, "totalDossierFinancialObligation"), null, 6, null),
                new PortalIndicatorFigure("ONLINE_PAYMENT_FORMALITY", Count(row, "totalDossierOnlineFormalityPaymentSuccess"), Count(row, "totalFeeFormality"), null, 2, null),
                new PortalIndicatorFigure("FEE_FORMALITY_INTEGRATED", Count(row, "totalFeeDossierFormality"), Count(row, "totalFeeFormality"), null, 2, null),
            ],
            // The portal publishes ONLINE's counts for the root row only; a child row carries its score alone.
            "ONLINE" when isRoot && row.TryGetProperty("authorityCount", out _) =>
            [
                new PortalIndicatorFigure("ONLINE_SERVICE_PROVIDED", Sum(Count(row, "partialCount"), Count(row, "fullCount")), Count(row, "authorityCount"), null, 2, null),
                new PortalIndicatorFigure("ONLINE_SERVICE_WITH_DOSSIER", Count(row, "onlineDossierCount"), Count(row, "onlineServiceTotal"), null, 4, null),
                new PortalIndicatorFigure("ONLINE_DOSSIER_SHARE", Count(row, "channelOnlineSum"), Count(row, "channelTotalSum"), null, 6, null),
            ],
            "ONLINE" => [],
            _ => Metrics(row),
        };
        return new PortalEvaluationRow(code, id, parent, endpoint.Group, score, max, figures);
    }

    private static List<PortalIndicatorFigure> Metrics(JsonElement row)
    {
        if (!row.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array) throw new FormatException("field 'metrics' is missing");
        var result = new List<PortalIndicatorFigure>();
        foreach (var m in metrics.EnumerateArray())
        {
            var code = Str(m, "code") ?? throw new FormatException("a metric has no 'code'");
            result.Add(new PortalIndicatorFigure(code, Count(m, "numerator", code), Count(m, "denominator", code), Number(m, "score", code), Number(m, "maxScore", code), Number(m, "ratio", code)));
        }
        return result;
    }

    private static long? Sum(long? a, long? b) => a is { } x && b is { } y ? x + y : null;

    private static string? Str(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Count(JsonElement e, string field, string? metric = null)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0) return n;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d >= 0 && d == Math.Floor(d)) return (long)d;
        throw new FormatException($"field '{(metric is null ? "" : metric + ".")}{field}' is {v.GetRawText()}, not a count");
    }

    private static double? Number(JsonElement e, string field, string? metric = null)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        throw new FormatException($"field '{(metric is null ? "" : metric + ".")}{field}' is {v.GetRawText()}, not a number");
    }
}
