using System.Text.Json;
using Hub.Domain.Portal;

namespace Hub.Domain.Tests;

/// <summary>The portal's national overview, reproduced from its own published rows (fixtures/portal-national: the 34
/// provinces' group scores and the "Cả nước" figure of 26 Sep 2026, year to date).</summary>
public class NationalFigureTests
{
    private static readonly string[] Groups = ["CKMB", "TDGQ", "ONLINE", "TTTT", "MDSH", "MDHL"];

    private static JsonElement Snapshot() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "portal-national", "scores_Provinces_26092026.json"))).RootElement;

    private static List<RankedDepartment> Provinces(JsonElement snapshot) => snapshot.GetProperty("provinces").EnumerateArray().Select(p => new RankedDepartment(
        p.GetProperty("departmentCode").GetString()!, p.GetProperty("shortName").GetString()!, p.GetProperty("totalScore").GetDouble(),
        p.GetProperty("groupScores").EnumerateObject().ToDictionary(g => g.Name, g => g.Value.GetDouble()), p.GetProperty("rank").GetInt32())).ToList();

    [Fact]
    public void The_national_figure_and_the_ranking_of_the_34_provinces_are_reproduced()
    {
        var snapshot = Snapshot();
        var provinces = Provinces(snapshot);
        Assert.Equal(34, provinces.Count);
        var overview = NationalFigure.Compute(provinces, Groups);
        Assert.Equal(snapshot.GetProperty("overview").GetProperty("totalScore").GetDouble(), overview.Total); // 61.71
        Assert.All(overview.Ranking, r => Assert.Equal(r.Department.PublishedRank, r.Rank));
        Assert.Equal(overview.Total, overview.Groups.Values.Sum(), 10);

        // The obvious rule — the mean of the totals — does not give the published figure: the portal works group by group.
        var meanOfTotals = Math.Round(provinces.Average(p => p.Total), 2, MidpointRounding.AwayFromZero);
        Assert.NotEqual(overview.Total, meanOfTotals);
    }

    [Fact]
    public void A_department_without_a_group_score_is_refused_by_name_not_averaged_over_the_rest()
    {
        var provinces = Provinces(Snapshot());
        provinces[3] = provinces[3] with { Groups = provinces[3].Groups.Where(g => g.Key != "MDHL").ToDictionary() };
        var e = Assert.Throws<DomainException>(() => NationalFigure.Compute(provinces, Groups));
        Assert.Contains(provinces[3].Code, e.Message);
        Assert.Throws<DomainException>(() => NationalFigure.Compute([], Groups));
    }
}
