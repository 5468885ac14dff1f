using Hub.Domain.Catalog;
using Hub.Sources.Portal;
using Hub.Storage.Evidence;
using Hub.Storage.Scores;
using Microsoft.DurableTask;

namespace Hub.Integration.Tests;

/// <summary>Scoring and publication orchestrations on the real Durable Task engine (in process) and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class WorkflowTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;
    private static readonly string Q3 = TestHub.Q3.ToString();

    private static async Task<OrchestrationMetadata> ScoreAsync(TestHub hub, LocalDurableHost durable, string reason = "test")
    {
        var (result, id) = await hub.Get<ScoringStarter>().StartAsync(durable.Client, TestHub.Q3, "tester", reason, default);
        Assert.Equal(StartResult.Started, result);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    [Fact]
    public async Task Happy_path_scores_every_unit_stores_scores_publishes_v1_and_sends_the_event()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var meta = await ScoreAsync(hub, durable);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        Assert.Equal("score-2026-Q3", meta.InstanceId);
        var outcome = meta.ReadOutputAs<ScoringOutcome>()!;
        var units = await hub.Get<UnitRepository>().ListAsync(default);
        Assert.Equal(units.Count, outcome.Units);
        Assert.Empty(outcome.SyncGaps);
        Assert.Equal(("published", 1), (outcome.Publication.Status, outcome.Publication.Version));
        Assert.Contains("done:published", meta.SerializedCustomStatus);

        var scores = await hub.Get<ScoreRepository>().GetPeriodAsync(TestHub.Q3, default);
        Assert.Equal(units.Count, scores.Count);
        Assert.All(scores, s => Assert.Equal(IndexCatalogs.Portal, s.Methodology));
        var root = scores.Single(s => s.Unit.ParentCode is null).Unit;
        Assert.NotNull(root.Total);
        // The root pools every dossier handled in the period (finished in it, or still open at its end): compare with
        // an independent count from storage. 766-portal: the total is the plain sum of the six groups.
        var handled = 0;
        foreach (var u in units)
            await foreach (var d in hub.Get<DossierRepository>().QueryByUnitAsync(u.Code, TestHub.Q3.End, default))
                if (d.FinishedAt is not { } f || TestHub.Q3.Contains(f) || f >= TestHub.Q3.End) handled++;
        Assert.Equal(handled, root.Indicators.Single(i => i.Id == "DOSSIER_ON_TIME").Denominator);
        Assert.Equal(root.Total!.Value, root.Groups.Sum(g => g.Score!.Value), 6);
        Assert.Equal("hub", root.Indicators.Single(i => i.Id == "DOSSIER_ON_TIME").Source);
        Assert.Equal("portal", root.Indicators.Single(i => i.Id == "DOSSIER_SYNC").Source);

        var publication = Assert.Single(await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
        Assert.Equal(("tester", "test", IndexCatalogs.Portal), (publication.PublishedBy, publication.Reason, publication.Methodology));
        var json = await hub.Get<PublicationRepository>().ReadFileAsync($"{Q3}/v1/index.json", default);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(units.Count, doc.RootElement.GetProperty("units").GetArrayLength());
        var csv = System.Text.Encoding.UTF8.GetString(await hub.Get<PublicationRepository>().ReadFileAsync($"{Q3}/v1/index.csv", default));
        Assert.Contains("Bộ Tài chính", csv);
        var latest = System.Text.Encoding.UTF8.GetString(await hub.Get<PublicationRepository>().ReadFileAsync($"{Q3}/latest.json", default));
        Assert.Contains("\"version\": 1", latest);

        var events = (await hub.Storage.Queue(StorageNames.IndexPublishedQueue).ReceiveMessagesAsync(10)).Value;
        var e = Assert.Single(events);
        Assert.Contains("\"version\":1", e.Body.ToString());
    }

    [Fact]
    public async Task Re_running_a_period_is_idempotent_and_republication_of_changed_data_makes_v2_keeping_v1_byte_identical()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var first = (await ScoreAsync(hub, durable)).ReadOutputAs<ScoringOutcome>()!;
        var v1 = await hub.Get<PublicationRepository>().ReadFileAsync($"{Q3}/v1/index.json", default);

        var again = (await ScoreAsync(hub, durable, "re-run")).ReadOutputAs<ScoringOutcome>()!;
        Assert.Equal(("unchanged", 1), (again.Publication.Status, again.Publication.SameAsVersion));
        Assert.NotEqual(first.RunId, again.RunId);
        Assert.Single(await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
        // No version, but the request is on file: who asked, why, and which version it matched.
        var request = Assert.Single((await hub.Get<PublicationRepository>().HistoryAsync(TestHub.Q3, default)).Unchanged);
        Assert.Equal((again.RunId, "re-run", 1), (request.RunId, request.Reason, request.SameAsVersion));

        // Data is corrected: a late dossier turns out to be on time. Re-publication creates v2.
        var units = await hub.Get<UnitRepository>().ListAsync(default);
        Dossier? late = null;
        foreach (var u in units)
        {
            await foreach (var d in hub.Get<DossierRepository>().QueryByUnitAsync(u.Code, TestHub.Q3.End, default))
                if (d.FinishedAt is { } f && TestHub.Q3.Contains(f) && d.DueAt is { } due && f > due) { late = d; break; }
            if (late is not null) break;
        }
        Assert.NotNull(late);
        var corrected = new DossierSnapshot(late! with { FinishedAt = late.DueAt }, 10, 1, null, null);
        Assert.Equal(1, (await hub.Get<DossierRepository>().UpsertAsync([(corrected, DateTimeOffset.UtcNow)], default)).Stored);

        var third = (await ScoreAsync(hub, durable, "correction of a dossier")).ReadOutputAs<ScoringOutcome>()!;
        Assert.Equal(("published", 2), (third.Publication.Status, third.Publication.Version));
        Assert.Equal(v1, await hub.Get<PublicationRepository>().ReadFileAsync($"{Q3}/v1/index.json", default));
        var all = await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default);
        Assert.Equal([1, 2], all.Select(p => p.Version));
        Assert.NotEqual(all[0].ContentHash, all[1].ContentHash);
        Assert.Equal("correction of a dossier", all[1].Reason);
        // Score history keeps every run of every unit; the current scores are the latest run's.
        var history = await hub.Get<ScoreRepository>().GetHistoryAsync("G12", default);
        Assert.Equal(3, history.Count(h => h.Period == Q3));
        Assert.Equal(third.RunId, (await hub.Get<ScoreRepository>().GetUnitAsync(TestHub.Q3, "G12", default))!.RunId);
    }

    [Fact]
    public async Task An_activity_failing_then_succeeding_is_retried_and_the_run_completes()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        var failures = new ConcurrentDictionary<string, int>();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services, decorateActivities: a =>
            a.InputType == typeof(UnitScoringInput)
                ? new FlakyActivity(a, input => failures.AddOrUpdate(((UnitScoringInput)input!).UnitCode, 1, (_, n) => n + 1) <= 2)
                : a);
        var meta = await ScoreAsync(hub, durable);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        Assert.All(failures.Values, n => Assert.Equal(3, n)); // two injected failures, then success
        Assert.Equal("published", meta.ReadOutputAs<ScoringOutcome>()!.Publication.Status);
    }

    [Fact]
    public async Task A_unit_that_keeps_failing_fails_the_run_loudly_by_name_and_nothing_is_published()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services, decorateActivities: a =>
            a.InputType == typeof(UnitScoringInput) ? new FlakyActivity(a, input => ((UnitScoringInput)input!).UnitCode == "G12.02") : a);
        var meta = await ScoreAsync(hub, durable);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, meta.RuntimeStatus);
        Assert.Contains("failed for unit 'G12.02'", meta.FailureDetails!.ErrorMessage);
        Assert.Empty(await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
    }

    [Fact]
    public async Task A_missing_source_delays_the_run_then_holds_it_at_the_gate_with_the_gaps_listed()
    {
        await using var hub = await TestHub.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Scoring:SyncWaitLimit"] = "00:00:03",
            ["Scoring:SyncRecheckInterval"] = "00:00:01",
            ["Scoring:RequireApproval"] = "false", // even so: incomplete data waits for a person
        });
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName, PortalProceduresSource.SourceName); // dossiers never synced
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var started = DateTimeOffset.UtcNow;
        var (result, id) = await hub.Get<ScoringStarter>().StartAsync(durable.Client, TestHub.Q3, "tester", "gaps", default);
        Assert.Equal(StartResult.Started, result);
        var gate = await WaitForPendingApprovalAsync(durable.Client, id);
        // Waited: at least two re-checks (1 s apart) within the 3 s limit before giving up.
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.8), $"the run did not wait for the missing source ({DateTimeOffset.UtcNow - started})");
        var progress = (await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<ScoringProgress>()!;
        Assert.Contains("portal-dossiers: never synced", progress.SyncGaps);
        Assert.Empty(await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default)); // nothing published on its own

        await durable.Client.RaiseEventAsync(gate, ScoringNames.ApprovalEvent, new ApprovalDecision(true, "head-of-office", "publish with the gap stated"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var outcome = (await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token)).ReadOutputAs<ScoringOutcome>()!;
        Assert.Equal("published", outcome.Publication.Status);
        Assert.Contains("portal-dossiers: never synced", outcome.SyncGaps);
        var gaps = System.Text.Encoding.UTF8.GetString(await hub.Get<PublicationRepository>().ReadFileAsync($"{Q3}/v1/sync-gaps.json", default));
        Assert.Contains("portal-dossiers: never synced", gaps);
    }

    [Fact]
    public async Task Concurrent_starts_of_one_period_start_exactly_one_run()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var starter = hub.Get<ScoringStarter>();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => starter.StartAsync(durable.Client, TestHub.Q3, $"admin{i}", "concurrent", default))));
        Assert.Equal(1, results.Count(r => r.Result == StartResult.Started));
        Assert.Equal(19, results.Count(r => r.Result == StartResult.AlreadyRunning));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var meta = await durable.Client.WaitForInstanceCompletionAsync(results[0].InstanceId, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        Assert.Single(await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
        // Once it is over, a new start is accepted again (a re-run), exactly once.
        var again = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => starter.StartAsync(durable.Client, TestHub.Q3, "admin", "re-run", default))));
        Assert.Equal(1, again.Count(r => r.Result == StartResult.Started));
        Assert.Equal(2, (await hub.Get<ScoringRunRepository>().GetAsync(TestHub.Q3, default)).Claim!.Attempt);
    }

    [Fact]
    public async Task A_period_that_has_not_ended_is_never_started()
    {
        await using var hub = await TestHub.StartAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var running = Hub.Domain.Periods.Period.Containing(DateTimeOffset.UtcNow, Hub.Domain.Periods.PeriodKind.Month);
        var (result, id) = await hub.Get<ScoringStarter>().StartAsync(durable.Client, running, "tester", "too early", default);
        Assert.Equal(StartResult.NotEnded, result);
        Assert.Null(await durable.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Approval_gate_publishes_on_approval_and_expires_clearly_without_one()
    {
        await using var hub = await TestHub.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Scoring:RequireApproval"] = "true",
            ["Scoring:ApprovalTimeout"] = "00:00:03",
        });
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);

        // No answer: expires, nothing published.
        var expired = (await ScoreAsync(hub, durable)).ReadOutputAs<ScoringOutcome>()!;
        Assert.Equal("expired", expired.Publication.Status);
        Assert.Empty(await hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));

        // Approved while waiting: published with the approver recorded.
        var (_, id) = await hub.Get<ScoringStarter>().StartAsync(durable.Client, TestHub.Q3, "tester", "quarterly", default);
        var publishId = await WaitForPendingApprovalAsync(durable.Client, id);
        await durable.Client.RaiseEventAsync(publishId, ScoringNames.ApprovalEvent, new ApprovalDecision(true, "head-of-office", "ok"));
        var meta = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        Assert.Equal(("published", 1), (meta.ReadOutputAs<ScoringOutcome>()!.Publication.Status, meta.ReadOutputAs<ScoringOutcome>()!.Publication.Version));
        Assert.Contains("approved by head-of-office", (await hub.Get<PublicationRepository>().LatestAsync(TestHub.Q3, default))!.Reason);
    }

    /// <summary>The publication sub-orchestration's id is score-{period}-publish-{runId}; the run id is in the custom status.</summary>
    private static async Task<string> WaitForPendingApprovalAsync(DurableTaskClient client, string scoringId)
    {
        for (var i = 0; i < 200; i++)
        {
            var meta = await client.GetInstanceAsync(scoringId, getInputsAndOutputs: true);
            if (meta?.SerializedCustomStatus is { } s && s.Contains("awaiting-approval"))
            {
                var progress = meta.ReadCustomStatusAs<ScoringProgress>()!;
                return $"{scoringId}-publish-{progress.RunId}";
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The run never reached the approval gate.");
    }
}
