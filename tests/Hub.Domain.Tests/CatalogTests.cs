using static Hub.Domain.Tests.Build;

namespace Hub.Domain.Tests;

public class CatalogTests
{
    [Fact]
    public void The_766_2022_catalog_has_five_groups_and_fourteen_indicators_adding_up_to_100()
    {
        var c = IndexCatalogs.Get("766-2022");
        Assert.Equal(["1", "2", "3", "4", "5"], c.Groups.Select(g => g.Id));
        Assert.Equal([18.0, 20, 22, 22, 18], c.Groups.Select(g => g.Max));
        Assert.Equal(14, c.Indicators.Count());
        Assert.All(c.Indicators, i => Assert.IsType<Formula.Ratio>(Assert.Single(i.Parts).Formula));
        Assert.All(c.Indicators, i => Assert.Equal(EmptyDenominatorPolicy.NotApplicable, i.Parts[0].EmptyDenominator));
        Assert.Equal(5, c.Parameters.PublicationDeadlineDays);
        Assert.Equal(24, c.Parameters.SyncLagHours);
    }

    [Fact]
    public void Unknown_version_is_a_clear_error()
    {
        var e = Assert.Throws<DomainException>(() => IndexCatalogs.Get("766-1999"));
        Assert.Contains("766-2022", e.Message);
    }

    [Fact]
    public void An_invalid_catalog_reports_every_problem_at_once()
    {
        const string json = """
        { "version": "bad", "groups": [
          { "id": "1", "max": 60, "indicators": [
            { "id": "1.1", "points": 30, "measure": "dossiers.finishedOnTime", "formula": { "kind": "magic" } },
            { "id": "1.1", "points": 20, "measure": "no.such.measure" } ] },
          { "id": "2", "max": 40, "indicators": [ { "id": "2.1", "points": 40, "measure": "ratings.satisfied", "emptyDenominator": "maybe" } ] } ] }
        """;
        var e = Assert.Throws<DomainException>(() => CatalogLoader.Parse(json, "test.json"));
        Assert.Contains("unknown formula 'magic'", e.Message);
        Assert.Contains("indicator id '1.1' is missing or duplicated", e.Message);
        Assert.Contains("unknown measure 'no.such.measure'", e.Message);
        Assert.Contains("indicators add up to 50 points but the group max is 60", e.Message);
        Assert.Contains("unknown emptyDenominator 'maybe'", e.Message);
    }

    [Fact]
    public void Points_that_do_not_add_up_to_100_are_refused()
    {
        const string json = """{ "version": "x", "groups": [ { "id": "1", "max": 50, "indicators": [ { "id": "1.1", "points": 50, "measure": "ratings.satisfied" } ] } ] }""";
        Assert.Contains("not 100", Assert.Throws<DomainException>(() => CatalogLoader.Parse(json)).Message);
    }

    /// <summary>The portal's formula kinds (portal-methodology.md) as a catalog, without code changes:
    /// online group 12 = min(2, 2·A/0.8) + 4·B + min(6, 6·C/0.5); and capped linear / empty-denominator policies.</summary>
    private const string PortalLike = """
    { "version": "portal-like", "groups": [
      { "id": "3a", "max": 12, "indicators": [
        { "id": "3a", "points": 12, "parts": [
          { "measure": "procedures.offeredOnline", "points": 2, "formula": { "kind": "thresholdedRatio", "threshold": 0.8 }, "emptyDenominator": "zero" },
          { "measure": "procedures.onlineInUse", "points": 4, "emptyDenominator": "zero" },
          { "measure": "dossiers.filedOnline", "points": 6, "formula": { "kind": "thresholdedRatio", "threshold": 0.5 }, "emptyDenominator": "zero" } ] } ] },
      { "id": "4", "max": 4, "indicators": [
        { "id": "4.3", "points": 2, "measure": "dossiers.reusedData", "formula": { "kind": "cappedLinear", "k": 2.5 } },
        { "id": "5.3", "points": 2, "measure": "feedback.answeredOnTime", "emptyDenominator": "full" } ] },
      { "id": "x", "max": 84, "indicators": [ { "id": "x", "points": 84, "measure": "ratings.satisfied" } ] } ] }
    """;

    [Fact]
    public void Composite_thresholded_capped_and_policies_compute_like_the_portal()
    {
        var catalog = CatalogLoader.Parse(PortalLike);
        var tree = Tree(("U", null));
        // A = 1/2 offered online -> min(2, 2*0.5/0.8) = 1.25; B = 1/1 in use -> 4; C = 1/1 filed online -> 6.
        var r = Score([
            Procedure("P1", level: OnlineLevel.Full),
            Procedure("P2"),
            Dossier("d1", procedure: "P1", channel: Channel.Online, reused: true),
            Dossier("d2", procedure: "P2", channel: Channel.Direct, reused: false),
        ], tree, catalog);
        var online = r.Indicator("3a");
        Assert.Null(online.Numerator);
        Assert.Equal(3, online.Parts!.Count);
        Assert.Equal(1.25 + 4 + 6, online.Points!.Value, 12);
        Assert.Equal(Math.Min(2, 2.5 * 0.5), r.Indicator("4.3").Points!.Value, 12);   // 1.25
        Assert.Equal(2.0, r.Indicator("5.3").Points!.Value, 12);                        // no feedback: full points
        Assert.Null(r.Indicator("x").Points);                                           // no ratings: not applicable
        Assert.Equal("portal-like", r.Methodology);
    }
}
