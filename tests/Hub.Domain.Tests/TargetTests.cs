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
}
