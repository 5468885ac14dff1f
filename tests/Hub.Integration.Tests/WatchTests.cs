using Hub.Domain.Catalog;
using Hub.Storage.Alerts;
using Hub.Storage.Scores;
using Hub.Workflows.Comparisons;

namespace Hub.Integration.Tests;

/// <summary>Watching the running period: provisional runs, alerts, what-if comparisons, on Azurite and the durable engine.</summary>
[Collection(AzuriteCollection.Name)]
public class WatchTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;

    private static async Task<OrchestrationMetadata> WaitAsync(LocalDurableHost durable, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var meta = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        return meta;
    }

    [Fact]
    public async Task A_provisional_run_is_stored_apart_with_its_as_of_time_and_never_published()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var running = Period.Containing(DateTimeOffset.UtcNow, PeriodKind.Quarter);
        var (result, id) = await hub.Get<ScoringStarter>().StartProvisionalAsync(durable.Client, running, "timer", default);
        Assert.Equal(StartResult.Started, result);
        Assert.StartsWith($"provisional-{running}-", id);
        var outcome = (await WaitAsync(durable, id)).ReadOutputAs<ScoringOutcome>()!;
        Assert.Equal("provisional", outcome.Publication.Status);

        Assert.Empty(await hub.Get<PublicationRepository>().ListAsync(running, default));
        Assert.Empty(await hub.Get<ScoreRepository>().GetPeriodAsync(running, default)); // not mixed with published scores
        var series = await hub.Get<ScoreRepository>().GetProvisionalSeriesAsync(running, default);
        var day = Assert.Single(series);
        Assert.Equal(8, day.Scores.Count);
        Assert.True(DateTimeOffset.UtcNow - day.AsOf < TimeSpan.FromMinutes(5));
        // The same path refuses to publish a running period at all.
        Assert.Equal(StartResult.NotEnded, (await hub.Get<ScoringStarter>().StartAsync(durable.Client, running, "tester", "publish it", default)).Result);
    }

    [Fact]
    public async Task An_alert_is_raised_once_across_runs_closed_when_its_condition_clears_and_each_change_is_an_event()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName, PortalProceduresSource.SourceName); // dossiers not yet synced
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var starter = hub.Get<ScoringStarter>();
        var running = Period.Containing(DateTimeOffset.UtcNow, PeriodKind.Month);

        // Two provisional runs while portal-dossiers is behind: one alert, not two.
        await WaitAsync(durable, (await starter.StartProvisionalAsync(durable.Client, running, "timer", default)).InstanceId);
        await durable.Client.PurgeInstanceAsync(ScoringNames.ProvisionalInstanceId(running, VietnamTime.LocalDate(DateTimeOffset.UtcNow)));
        await WaitAsync(durable, (await starter.StartProvisionalAsync(durable.Client, running, "timer", default)).InstanceId);
        var lag = (await hub.Get<AlertRepository>().ListAsync(default)).Where(a => a.Rule == "source-lag" && a.Subject == PortalDossiersSource.SourceName).ToList();
        var alert = Assert.Single(lag);
        Assert.Equal("open", alert.State);
        Assert.Contains("chưa lần nào đồng bộ kịp", alert.Message);

        // The source catches up; the next run closes it.
        await hub.SyncAllAsync();
        await WaitAsync(durable, (await starter.StartAsync(durable.Client, TestHub.Q3, "tester", "quarterly", default)).InstanceId);
        var after = (await hub.Get<AlertRepository>().ListAsync(default)).Single(a => a.Id == alert.Id);
        Assert.Equal("closed", after.State);
        Assert.NotNull(after.ClosedAt);

        // Every raise and close went out as a hub.alert/1 event on the local queue.
        var events = new List<JsonElement>();
        var queue = hub.Storage.Queue(StorageNames.AlertsQueue);
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
            foreach (var m in batch) { events.Add(JsonDocument.Parse(m.Body.ToString()).RootElement.Clone()); await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, default); }
        var mine = events.Where(e => e.GetProperty("id").GetString() == alert.Id).Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["raised", "closed"], mine);
        Assert.All(events, e =>
        {
            Assert.Equal(AlertEvent.SchemaVersion, e.GetProperty("schema").GetString());
            foreach (var field in new[] { "event", "id", "rule", "unit", "subject", "message", "evidence", "raisedAt", "runId" }) Assert.True(e.TryGetProperty(field, out var present), field);
        });
    }

    [Fact]
    public async Task A_what_if_comparison_is_stored_and_leaves_the_publications_untouched()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        await WaitAsync(durable, (await hub.Get<ScoringStarter>().StartAsync(durable.Client, TestHub.Q3, "tester", "quarterly", default)).InstanceId);
        var publications = hub.Get<PublicationRepository>();
        var before = await publications.ListAsync(TestHub.Q3, default);
        var html = await publications.ReadFileAsync($"{TestHub.Q3}/v1/index.html", default);

        var outcome = await hub.Get<ComparisonService>().CompareAsync(TestHub.Q3, "766-2022", default);
        var comparison = outcome.Comparison!;
        Assert.Equal((IndexCatalogs.Portal, "766-2022"), (comparison.From, comparison.To));
        Assert.Equal(8, comparison.Units.Count);
        var root = comparison.Units.Single(u => u.Code == "G12");
        Assert.NotNull(root.FromTotal);
        Assert.NotNull(root.ToTotal);
        Assert.NotEmpty(root.Explanation);
        // The explanation: measures both methodologies count, biggest shift first (e.g. 766-portal's 50 % threshold on
        // online filing against 766-2022's plain ratio).
        Assert.All(root.Explanation, s => Assert.True(Measures.IsKnown(s.Measure) && !Measures.IsPortal(s.Measure)));
        Assert.Equal(root.Explanation.OrderByDescending(s => Math.Abs(s.Shift)).Select(s => s.Measure), root.Explanation.Select(s => s.Measure));
        Assert.NotNull(await hub.Get<ComparisonService>().LatestAsync(TestHub.Q3, default));

        Assert.Equal(before.Select(p => (p.Version, p.ContentHash)), (await publications.ListAsync(TestHub.Q3, default)).Select(p => (p.Version, p.ContentHash)));
        Assert.Equal(html, await publications.ReadFileAsync($"{TestHub.Q3}/v1/index.html", default));
        Assert.Equal(IndexCatalogs.Portal, (await hub.Get<ScoreRepository>().GetPeriodAsync(TestHub.Q3, default))[0].Methodology);
        Assert.Equal(400, (await hub.Get<ComparisonService>().CompareAsync(TestHub.Q3, IndexCatalogs.Portal, default)).Status);
        Assert.Equal(404, (await hub.Get<ComparisonService>().CompareAsync(Period.OfQuarter(2026, 1), "766-2022", default)).Status);
    }

    [Fact]
    public async Task Sync_gaps_stay_one_line_per_source_however_many_units_lag()
    {
        // The gaps travel in the orchestration's custom status, which the Azure Storage backend limits to 64 KB: a
        // running period has every per-unit scope behind its end, and must still say it in a few lines.
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        var running = Period.Containing(DateTimeOffset.UtcNow, PeriodKind.Year);
        var check = await ActivatorUtilities.CreateInstance<CheckSyncActivity>(hub.Services).RunAsync(null!, running);
        Assert.False(check.Complete);
        Assert.All(hub.Get<SyncRunner>().SourceNames, source => Assert.True(check.Gaps.Count(g => g.StartsWith(source + ":", StringComparison.Ordinal) || g.StartsWith(source + "/", StringComparison.Ordinal)) <= 1, source));
        Assert.Contains(check.Gaps, g => g.StartsWith("portal-dossiers: 8 of 8 scopes", StringComparison.Ordinal));
        Assert.True(string.Join("\n", check.Gaps).Length < 4096);
    }
}
