using System.Text.Json;
using Hub.Domain.Periods;
using Hub.Domain.Portal;
using Hub.Sources.Common;
using Hub.Sources.Portal.National;
using Hub.Storage.Portal;

namespace Hub.Workflows.Sync;

/// <summary>The portal's national picture, one work item per period: the ranking of the ministries and of the
/// provinces, and the 34 provincial Finance Departments' rows. It never holds a scoring run: the index is scored
/// without it, and a report shows the latest capture there is. Quarters and years only: a month's ranking moves too
/// much to say where a ministry stands, and each capture is 2 + 34 requests.</summary>
public sealed class PortalNationalSource(PortalNationalClient client, NationalRankingRepository repository, TimeProvider clock)
    : CalendarPeriodSource(clock, "ranking", PeriodKind.Quarter, PeriodKind.Year)
{
    public const string SourceName = PortalNationalClient.SourceName;
    public override string Name => SourceName;

    public override string? ConfigurationProblem => client.CredentialProblem;

    public override Task<IReadOnlyList<string>?> ScopesRequiredForAsync(Period period, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>?>([]);

    public override async Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct)
    {
        var document = await client.CaptureAsync(Period.Parse(scope), ct);
        var root = JsonDocument.Parse(document).RootElement;
        var records = new[] { "ministries", "provinces", "financeDepartments" }.SelectMany(name => root.GetProperty(name).EnumerateArray()).ToList();
        return new RawPage(document, records, More: false, Next: PortalCapture.IdAt(root.GetProperty("capturedAt").GetDateTimeOffset()));
    }

    public override async Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct)
    {
        var root = JsonDocument.Parse(page.Raw).RootElement;
        var capturedAt = root.GetProperty("capturedAt").GetDateTimeOffset();
        var bad = new List<BadRecord>();
        var index = 0;
        List<RankedDepartment> Rows(string name, bool underProvince)
        {
            var rows = new List<RankedDepartment>();
            foreach (var row in root.GetProperty(name).EnumerateArray())
            {
                var problem = Problem(row, underProvince);
                if (problem is null) rows.Add(Map(row, underProvince));
                else bad.Add(new BadRecord(index, row.TryGetProperty("departmentId", out var id) ? id.ToString() : null, $"{name} row: {problem}"));
                index++;
            }
            return rows;
        }
        var ranking = new NationalRanking(root.GetProperty("period").GetString()!, PortalCapture.IdAt(capturedAt), capturedAt,
            Rows("ministries", false), Rows("provinces", false), Rows("financeDepartments", true));
        var stored = await repository.SaveAsync(ranking, ct);
        return new PageResult(stored, 0, bad, capturedAt);
    }

    /// <summary>Why a row cannot be kept: no code, no total, or a group score that is not a number.</summary>
    private static string? Problem(JsonElement row, bool underProvince)
    {
        if (!row.TryGetProperty("departmentCode", out var code) || code.ValueKind != JsonValueKind.String || code.GetString()!.Length == 0) return "no departmentCode";
        if (!row.TryGetProperty("totalScore", out var total) || total.ValueKind != JsonValueKind.Number) return "no totalScore";
        if (!row.TryGetProperty("groupScores", out var groups) || groups.ValueKind != JsonValueKind.Object) return "no groupScores";
        foreach (var g in NationalRanking.Groups)
            if (!groups.TryGetProperty(g, out var v) || v.ValueKind != JsonValueKind.Number) return $"group score {g} missing or not a number";
        if (underProvince && (!row.TryGetProperty("provinceCode", out var p) || p.ValueKind != JsonValueKind.String)) return "no province";
        return null;
    }

    private static RankedDepartment Map(JsonElement row, bool underProvince) => new(
        row.GetProperty("departmentCode").GetString()!,
        row.TryGetProperty("departmentName", out var n) ? n.GetString() ?? "" : "",
        row.GetProperty("totalScore").GetDouble(),
        NationalRanking.Groups.ToDictionary(g => g, g => row.GetProperty("groupScores").GetProperty(g).GetDouble(), StringComparer.Ordinal),
        row.TryGetProperty("rank", out var r) && r.TryGetInt32(out var rank) ? rank : null,
        underProvince ? row.GetProperty("provinceCode").GetString() : null);
}
