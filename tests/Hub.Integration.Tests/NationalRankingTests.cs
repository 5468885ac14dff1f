using Hub.Domain.Portal;
using Hub.Storage.Portal;

namespace Hub.Integration.Tests;

/// <summary>Where the Ministry stands in the country: the portal's national ranking synced through the real queue
/// (ministries, the 34 provinces — the simulator serves the real snapshot of 26 Sep 2026 — and each province's Finance
/// Department), its national figures computed as the portal computes them, and the section of the published report.</summary>
[Collection(AzuriteCollection.Name)]
public class NationalRankingTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;

    [Fact]
    public async Task The_national_ranking_is_synced_reproduces_the_portals_national_figure_and_shows_MoF_among_its_peers()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await LocalSync.CaptureNationalAsync(hub.Services, TestHub.Q3, default);

        var ranking = await hub.Get<NationalRankingRepository>().LatestAsync(TestHub.Q3, default);
        Assert.NotNull(ranking);
        Assert.Equal(34, ranking!.Provinces.Count);
        Assert.Equal(61.71, ranking.ProvincesOverview.Total); // the snapshot's "Cả nước", through the wire and storage
        Assert.All(ranking.ProvincesOverview.Ranking, r => Assert.Equal(r.Department.PublishedRank, r.Rank));
        Assert.Equal(34, ranking.FinanceDepartments.Count);
        Assert.All(ranking.FinanceDepartments, d => Assert.StartsWith("Sở Tài chính ", d.Name));
        Assert.Equal(ranking.Provinces.Select(p => p.Code).Order(), ranking.FinanceDepartments.Select(d => d.ParentCode!).Order());

        // The Ministry's row is the simulated portal's own evaluation of the Ministry; its rank is its place by total.
        var root = (await hub.Get<Hub.Storage.Evidence.UnitRepository>().LoadTreeAsync(default)).Roots.Single();
        var standing = ranking.Standing(root)!.Value;
        Assert.Equal(ranking.Ministries.Count(m => m.Total > standing.Ministry.Total) + 1, standing.Rank);
        Assert.True(standing.Of > 10);

        // Published: the report shows the Ministry among the ministries and the Finance Departments side by side.
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var (_, id) = await hub.Get<ScoringStarter>().StartAsync(durable.Client, TestHub.Q3, "tester", "national picture", default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await durable.Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        var html = Encoding.UTF8.GetString(await hub.Get<PublicationRepository>().ReadFileAsync($"{TestHub.Q3}/v1/index.html", default));
        var section = html[html.IndexOf("<section id=\"ca-nuoc\">", StringComparison.Ordinal)..];
        Assert.Contains($"hạng <strong>{standing.Rank}/{standing.Of}</strong> bộ, ngành", section);
        Assert.Contains("Cả nước (34 tỉnh, thành phố): 61,71 điểm", section);
        Assert.Equal(34, System.Text.RegularExpressions.Regex.Matches(section, "<tr><td class=\"num\">[0-9]+</td><td>Sở Tài chính ").Count);

        // A reporting period has no national ranking at the portal: refused with the reason, nothing stored.
        Assert.Equal("the portal publishes no ranking of reporting periods (2026-Q3-BC)",
            await hub.Get<SyncRunner>().Source(PortalNationalSource.SourceName).ScopeProblemAsync("2026-Q3-BC", default));
    }

    [Fact]
    public async Task Malformed_rows_are_quarantined_with_the_reason_the_rest_is_kept_and_a_redelivery_changes_nothing()
    {
        await using var hub = await TestHub.StartAsync();
        var source = hub.Get<SyncRunner>().Source(PortalNationalSource.SourceName);
        const string groups = "\"groupScores\":{\"CKMB\":10,\"TDGQ\":12,\"ONLINE\":8,\"TTTT\":6,\"MDSH\":15,\"MDHL\":12}";
        var raw = Encoding.UTF8.GetBytes($$$"""
            {"period":"2026-Q3","capturedAt":"2026-10-02T01:00:00+00:00",
             "ministries":[{"departmentId":"a","departmentCode":"G12","departmentName":"Bộ Tài chính","totalScore":63,{{{groups}}}},
                           {"departmentId":"b","departmentCode":"G05","departmentName":"Bộ Tư pháp","totalScore":60,"groupScores":{"CKMB":10}},
                           {"departmentId":"c","departmentName":"no code","totalScore":60,{{{groups}}}}],
             "provinces":[{"departmentId":"d","departmentCode":"H44","departmentName":"UBND tỉnh Phú Thọ","totalScore":"63",{{{groups}}}}],
             "financeDepartments":[{"departmentId":"e","departmentCode":"H44.STC","departmentName":"Sở Tài chính tỉnh Phú Thọ","totalScore":63,{{{groups}}}}]}
            """);
        var page = new Hub.Sources.Common.RawPage(raw, [], More: false, Next: null);
        var first = await source.ApplyAsync(page, default);
        Assert.Equal(["ministries row: group score TDGQ missing or not a number", "ministries row: no departmentCode", "provinces row: no totalScore", "financeDepartments row: no province"],
            first.Bad.Select(b => b.Reason));
        Assert.Equal(["b", "c", "d", "e"], first.Bad.Select(b => b.RecordId));
        var again = await source.ApplyAsync(page, default); // the same capture delivered twice
        Assert.Equal(first.Stored, again.Stored);
        var kept = (await hub.Get<NationalRankingRepository>().LatestAsync(TestHub.Q3, default))!;
        Assert.Equal(["G12"], kept.Ministries.Select(m => m.Code));
        Assert.Empty(kept.Provinces);
        Assert.Empty(kept.FinanceDepartments);
    }
}
