using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Domain.Periods;
using Hub.Domain.Portal;

namespace Hub.Simulators.Portal.National;

/// <summary>The simulated portal's national ranking (<c>service-results</c>): the 34 provinces as the portal published
/// them on 26 Sep 2026 (the real snapshot, whatever the period asked for), the ministries (the Ministry of Finance with
/// the simulated portal's own evaluation of the Ministry's units, the others with scores made from their code and the
/// period), and under each province its departments, the Finance Department among them.</summary>
public static class NationalResponses
{
    private static readonly (string Code, string Name)[] OtherMinistries =
    [
        ("G01", "Bộ Quốc phòng"), ("G02", "Bộ Công an"), ("G03", "Bộ Ngoại giao"), ("G04", "Bộ Nội vụ"), ("G05", "Bộ Tư pháp"),
        ("G06", "Bộ Công Thương"), ("G07", "Bộ Nông nghiệp và Môi trường"), ("G08", "Bộ Xây dựng"), ("G09", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("G10", "Bộ Khoa học và Công nghệ"), ("G11", "Bộ Giáo dục và Đào tạo"), ("G13", "Bộ Y tế"), ("G14", "Bộ Dân tộc và Tôn giáo"),
        ("G15", "Ngân hàng Nhà nước Việt Nam"), ("G16", "Thanh tra Chính phủ"),
    ];

    private static readonly (string Group, double Max)[] Groups = [("CKMB", 18), ("TDGQ", 20), ("ONLINE", 12), ("TTTT", 10), ("MDSH", 22), ("MDHL", 18)];

    private static readonly Lazy<JsonObject> Snapshot = new(() =>
    {
        using var stream = typeof(NationalResponses).Assembly.GetManifestResourceStream("national/scores_Provinces_26092026.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    });

    /// <param name="ministry">The Ministry of Finance's own row: code, name and group scores as the simulated portal evaluates them.</param>
    public static JsonObject Respond(Period period, string scope, string? rootDepartmentId, (string Code, string Name, IReadOnlyDictionary<string, double> Groups) ministry, int page, int size)
    {
        var rows = scope switch
        {
            "Provinces" => Snapshot.Value["provinces"]!.AsArray().Select(p => p!.DeepClone().AsObject()).ToList(),
            "Ministries" => Ranked(OtherMinistries.Select(m => Row(m.Code, m.Name, Scores($"{m.Code}|{period}")))
                .Append(Row(ministry.Code, ministry.Name, ministry.Groups)).ToList()),
            "Departments" => Departments(period, rootDepartmentId),
            _ => [],
        };
        var overview = scope == "Provinces" ? Snapshot.Value["overview"]!.DeepClone() : new JsonObject
        {
            ["departmentName"] = "Cả nước",
            ["totalScore"] = rows.Count == 0 ? null : NationalFigure.Compute(rows.Select(ToDepartment).ToList(), NationalRanking.Groups).Total,
            ["totalMaxScore"] = 100,
            ["totalCount"] = rows.Count,
        };
        var pages = Math.Max(1, (rows.Count + size - 1) / size);
        return new JsonObject
        {
            ["overview"] = overview,
            ["items"] = new JsonArray([.. rows.Skip((page - 1) * size).Take(size)]),
            ["pagination"] = new JsonObject { ["currentPage"] = page, ["pageSize"] = size, ["totalPages"] = pages, ["totalItems"] = rows.Count },
        };
    }

    private static List<JsonObject> Departments(Period period, string? provinceId)
    {
        var province = Snapshot.Value["provinces"]!.AsArray().FirstOrDefault(p => p!["departmentId"]!.GetValue<string>() == provinceId);
        if (province is null) return [];
        var code = province["departmentCode"]!.GetValue<string>();
        // "UBND tỉnh Đồng Tháp" → "tỉnh Đồng Tháp", "UBND Thành phố Đồng Nai" → "thành phố Đồng Nai": the province's own name.
        var locality = province["departmentName"]!.GetValue<string>().Replace("UBND ", "", StringComparison.Ordinal).Replace("Thành phố", "thành phố", StringComparison.Ordinal);
        return Ranked([
            Row($"{code}.STC", $"Sở Tài chính {locality}", Scores($"{code}.STC|{period}")),
            Row($"{code}.STP", $"Sở Tư pháp {locality}", Scores($"{code}.STP|{period}")),
        ]);
    }

    /// <summary>Group scores between 45% and 95% of each group's maximum, fixed by the seed text.</summary>
    private static Dictionary<string, double> Scores(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return Groups.Select((g, i) => (g.Group, Score: Math.Round(g.Max * (0.45 + 0.5 * hash[i] / 255.0), 2)))
            .ToDictionary(x => x.Group, x => x.Score, StringComparer.Ordinal);
    }

    private static JsonObject Row(string code, string name, IReadOnlyDictionary<string, double> groups)
    {
        var total = Math.Round(groups.Values.Sum(), 2);
        return new JsonObject
        {
            ["departmentId"] = new Guid(MD5.HashData(Encoding.UTF8.GetBytes("national:" + code))).ToString(),
            ["departmentName"] = name,
            ["departmentCode"] = code,
            ["totalScore"] = total,
            ["totalMaxScore"] = 100,
            ["ratio"] = total,
            ["scoreDelta"] = null,
            ["groupScores"] = new JsonObject(groups.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)JsonValue.Create(g.Value)))),
        };
    }

    private static List<JsonObject> Ranked(List<JsonObject> rows)
    {
        var ordered = rows.OrderByDescending(r => r["totalScore"]!.GetValue<double>()).ThenBy(r => r["departmentCode"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++) ordered[i]["rank"] = i + 1;
        return ordered;
    }

    private static RankedDepartment ToDepartment(JsonObject row) => new(row["departmentCode"]!.GetValue<string>(), row["departmentName"]!.GetValue<string>(),
        row["totalScore"]!.GetValue<double>(), NationalRanking.Groups.ToDictionary(g => g, g => row["groupScores"]![g]!.GetValue<double>()));
}
