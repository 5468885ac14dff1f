using Hub.Domain.Scoring;

namespace Hub.Domain.Tests;

public class PeerRankTests
{
    private static UnitResult U(string code, string name, string? parent, double? total) => new(code, name, parent, total, null, null, [], []);

    [Fact]
    public void Units_of_one_kind_are_ranked_together_across_parents_with_shared_ranks_for_equal_totals()
    {
        var result = new IndexResult("2026-Q3", "766-portal",
        [
            U("G12", "Bộ Tài chính", null, 70),
            U("G12.01", "Cục Thuế", "G12", 72),
            U("G12.01.01", "Thuế TP Hà Nội", "G12.01", 80),
            U("G12.01.02", "Thuế tỉnh Gia Lai", "G12.01", 85),
            U("G12.01.03", "Thuế TP Hồ Chí Minh", "G12.01", 80),
            U("G12.01.04", "Thuế tỉnh Lào Cai", "G12.01", null), // no data: not ranked
            U("H01.13", "Sở Tài chính TP Hà Nội", "G12", 66),
            U("H02.13", "Sở Tài chính tỉnh Gia Lai", "G12", 71),
            U("G12.02.01", "Chi cục Hải quan khu vực I", "G12.02", 60),
        ]);
        var ranks = PeerRanks.Of(result);
        Assert.Equal(new PeerRanks.PeerRank("cơ quan thuế tỉnh, thành phố", 1, 3), ranks["G12.01.02"]);
        Assert.Equal(2, ranks["G12.01.01"].Rank);
        Assert.Equal(2, ranks["G12.01.03"].Rank); // equal totals share the rank
        Assert.False(ranks.ContainsKey("G12.01.04"));
        Assert.Equal(new PeerRanks.PeerRank("sở tài chính tỉnh, thành phố", 2, 2), ranks["H01.13"]); // not ranked with the departments beside it
        Assert.Equal(1, ranks["G12.02.01"].Of);
        Assert.False(ranks.ContainsKey("G12.01")); // a department is not of a provincial kind
        Assert.False(ranks.ContainsKey("G12"));
    }
}
