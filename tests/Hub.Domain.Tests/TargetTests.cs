using Hub.Domain.Targets;
using static Hub.Domain.Tests.Build;

namespace Hub.Domain.Tests;

public class TargetTests
{
    [Fact]
    public void Progress_against_plan_targets_is_computed_from_the_same_pooled_counts_and_labelled_apart()
    {
        var r = Score([
            Procedure("P", level: OnlineLevel.Full),
            Dossier("a", procedure: "P", channel: Channel.Online),
            Dossier("b", procedure: "P", channel: Channel.Online),
            Dossier("c", procedure: "P", channel: Channel.Direct, digitized: true),
        ]);
        var unit = Assert.Single(TargetProgress.Compute(r, Build.Catalog));
        var online = unit.Targets.Single(t => t.TargetId == "online-filing");
        Assert.Equal((2L, 3L, true), (online.Numerator, online.Denominator, online.Met));
        Assert.Equal(0.0, online.Gap);
        var digitized = unit.Targets.Single(t => t.TargetId == "digitization");
        Assert.Equal((1L, 1L, true), (digitized.Numerator, digitized.Denominator, digitized.Met));
        var satisfaction = unit.Targets.Single(t => t.TargetId == "satisfaction");
        Assert.Null(satisfaction.Ratio); // no ratings: nothing to measure, not "failed"
        Assert.Null(satisfaction.Met);
        var reuse = unit.Targets.Single(t => t.TargetId == "no-resubmission");
        Assert.Equal(0.8, reuse.Gap!.Value, 12);
        Assert.Contains("not scored", System.Text.Encoding.UTF8.GetString(TargetProgress.ToJson("2026-Q3", [unit])));
    }

    [Theory]
    // Q3 2024: reuse is held to 2022's 30% (2025's 80% is not due yet); online filing (due 2025) is upcoming.
    [InlineData(2024, 0.30, 2022, "≥ 80% (2025)", null)]
    // Q3 2026: every milestone is due; reuse is held to 80%.
    [InlineData(2026, 0.80, 2025, null, 2025)]
    public void Each_target_is_judged_against_the_milestone_due_by_the_periods_end(int year, double reuseGoal, int reuseDue, string? reuseNext, int? onlineDue)
    {
        var period = Period.OfQuarter(year, 3);
        // Half the dossiers reuse data: 50% meets 2022's 30% but not 2025's 80%.
        var r = Score([
            Procedure("P", level: OnlineLevel.Full, from: period.Start.AddYears(-1)),
            Dossier("a", procedure: "P", channel: Channel.Online, received: period.Start.AddDays(3), reused: true),
            Dossier("b", procedure: "P", channel: Channel.Direct, received: period.Start.AddDays(4)),
        ], period: period);
        var unit = Assert.Single(TargetProgress.Compute(r, Build.Catalog));
        var reuse = unit.Targets.Single(t => t.TargetId == "no-resubmission");
        Assert.Equal((reuseGoal, reuseDue, reuseNext), (reuse.Target, reuse.DueBy!.Value, reuse.Next));
        Assert.Equal(reuseGoal < 0.5, reuse.Met);
        Assert.Contains("≥ 30% (2022), ≥ 80% (2025)", reuse.Label);
        var online = unit.Targets.Single(t => t.TargetId == "online-filing");
        Assert.Equal(onlineDue, online.DueBy);
        if (onlineDue is null)
        {
            // Not due yet: measured, shown against the coming milestone, but neither met nor failed.
            Assert.Equal(0.5, online.Ratio);
            Assert.Null(online.Met);
            Assert.Null(online.Gap);
            Assert.Equal("≥ 50% (2025)", online.Next);
        }
        else Assert.True(online.Met);
    }

    [Fact]
    public void A_yearly_growth_target_is_judged_against_the_same_period_a_year_earlier()
    {
        Dossier[] Dossiers(Period p, int digitized, int paper) =>
            Enumerable.Range(0, digitized + paper).Select(i => Dossier($"{p}-{i}", procedure: "P", received: p.Start.AddDays(2 + i % 20), digitized: i < digitized)).ToArray();
        var q3 = Period.OfQuarter(2026, 3);
        object[] Records(Period p, int digitized, int paper) => [Procedure("P", from: p.Start.AddYears(-2)), .. Dossiers(p, digitized, paper)];
        var lastYear = Score(Records(q3.YearEarlier, 3, 7), period: q3.YearEarlier); // 30%
        var thisYear = Score(Records(q3, 5, 5), period: q3);                         // 50%: +20 points, just enough

        var growth = TargetProgress.Compute(thisYear, Build.Catalog, yearEarlier: lastYear).Single().Targets.Single(t => t.TargetId == "digitization-growth");
        Assert.Equal(0.5, growth.Target, 12);
        Assert.True(growth.Met);
        Assert.Equal(2026, growth.DueBy);
        Assert.Contains("+20 điểm %/năm đến 100%", growth.Label);

        var slower = TargetProgress.Compute(Score(Records(q3, 4, 6), period: q3), Build.Catalog, yearEarlier: lastYear).Single().Targets.Single(t => t.TargetId == "digitization-growth");
        Assert.False(slower.Met);
        Assert.Equal(0.1, slower.Gap!.Value, 12);

        // At 90% a year earlier the goal is 100%, not 110%; without the year-earlier figures it is neither met nor failed.
        var high = Score(Records(q3.YearEarlier, 9, 1), period: q3.YearEarlier);
        Assert.Equal(1.0, TargetProgress.Compute(thisYear, Build.Catalog, yearEarlier: high).Single().Targets.Single(t => t.TargetId == "digitization-growth").Target, 12);
        var unknown = TargetProgress.Compute(thisYear, Build.Catalog).Single().Targets.Single(t => t.TargetId == "digitization-growth");
        Assert.Null(unknown.Met);
        Assert.Equal("cần số liệu 2025-Q3", unknown.Next);
    }
}
