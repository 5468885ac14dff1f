using static Hub.Domain.Tests.Build;

namespace Hub.Domain.Tests;

public class RescalingTests
{
    [Fact]
    public void Not_applicable_indicators_are_redistributed_within_their_group_and_groups_within_the_total()
    {
        // Only dossiers received in Q3, none finished, none online/fee: group 1 has only 1.3; group 2 only 2.2;
        // group 4 has 4.1 and 4.3; groups 3 and 5 are not applicable.
        var r = Score([
            Dossier("a", received: Local(7, 1), synced: Local(7, 1, 10), digitized: true, reused: false),
            Dossier("b", received: Local(7, 2), synced: null, digitized: true, reused: true),
        ]);
        var u = r.Unit();
        var g1 = u.Groups.Single(g => g.Id == "1").Score!.Value;
        var g2 = u.Groups.Single(g => g.Id == "2").Score!.Value;
        var g4 = u.Groups.Single(g => g.Id == "4").Score!.Value;
        Assert.Equal(18 * (8 * 0.5) / 8, g1, 12);                  // 1.3 alone: 9 of 18
        Assert.Equal(20.0, g2, 12);                                // 2.2: both open, no due date -> 6/6 -> 20
        Assert.Equal(22 * (8 * 1.0 + 6 * 0.5) / (8 + 6), g4, 12);  // 4.2 not applicable
        Assert.Null(u.Groups.Single(g => g.Id == "3").Score);
        Assert.Null(u.Groups.Single(g => g.Id == "5").Score);
        Assert.Equal(100 * (g1 + g2 + g4) / (18 + 20 + 22), u.Total!.Value, 12);
        Assert.Null(r.Indicator("4.2").Points);
    }

    [Fact]
    public void A_unit_with_no_data_has_no_total_no_band_and_no_rank()
    {
        var r = Score([], Tree(("R", null), ("A", "R"), ("B", "R")));
        Assert.All(r.Units, u => { Assert.Null(u.Total); Assert.Null(u.Band); Assert.Null(u.Rank); Assert.All(u.Groups, g => Assert.Null(g.Score)); });
    }

    [Theory]
    [InlineData(80.0, "Tốt")]
    [InlineData(79.999, "Khá")]
    [InlineData(65.0, "Khá")]
    [InlineData(50.0, "Trung bình")]
    [InlineData(49.99, "Yếu")]
    [InlineData(0.0, "Yếu")]
    public void Bands(double total, string band) => Assert.Equal(band, Build.Catalog.BandOf(total));
}
