using Azure.Data.Tables;
using Hub.Sources.Common;
using Hub.Storage.Queues;
using Hub.Storage.Sync;

namespace Hub.Integration.Tests;

/// <summary>The sync pipeline against the portal simulator and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class SyncTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;

    private static async Task<int> CountAsync(StorageClients storage, string table)
    {
        var n = 0;
        await foreach (var _ in storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey"])) n++;
        return n;
    }

    /// <summary>Dossiers the units received (registrations never received carry no NgayTiepNhan and are skipped).</summary>
    internal static int DistinctDossiers(TestHub hub) => hub.Portal.Data.Dossiers.Where(d => d.Record["NgayTiepNhan"] is not null).Select(d => d.Id).Distinct().Count();

    [Fact]
    public async Task Full_sync_keeps_the_latest_version_of_each_dossier_and_quarantines_bad_records_with_their_reason()
    {
        await using var hub = await TestHub.StartAsync(TestHub.SmallScale(malformed: 0.02));
        await hub.SyncAllAsync();

        var quarantined = await hub.Get<QuarantineRepository>().ListAsync(PortalDossiersSource.SourceName, default);
        Assert.NotEmpty(quarantined);
        Assert.All(quarantined, q => Assert.False(string.IsNullOrEmpty(q.Reason)));
        Assert.Contains(quarantined, q => q.Reason.Contains("NgayTiepNhan") || q.Reason.Contains("KenhThucHien") || q.Reason.Contains("MaTTHC") || q.Reason.Contains("unknown unit"));
        // The raw page a quarantined record came from is archived and holds it at the recorded index.
        var first = quarantined[0];
        var container = hub.Storage.Container(StorageNames.RawContainer);
        var raw = (await container.GetBlobClient(first.RawBlob[(StorageNames.RawContainer.Length + 1)..]).DownloadContentAsync()).Value.Content;
        using var page = System.Text.Json.JsonDocument.Parse(raw);
        Assert.True(page.RootElement.GetProperty("data").GetArrayLength() > first.IndexInPage);

        // Every dossier with at least one good version is stored exactly once.
        var stored = await CountAsync(hub.Storage, StorageNames.DossiersTable);
        Assert.InRange(stored, DistinctDossiers(hub) - quarantined.Count, DistinctDossiers(hub));
        var runs = await hub.Get<SyncRunRepository>().LatestAsync(PortalDossiersSource.SourceName, 100, default);
        Assert.Equal(hub.Portal.Data.Dossiers.Count, runs.Sum(r => r.Read));
        Assert.Equal(runs.Sum(r => r.Read), runs.Sum(r => r.Stored + r.Stale + r.Quarantined));
        Assert.Equal(quarantined.Count, runs.Sum(r => r.Quarantined));

        // Registrations never received are neither stored nor quarantined: skipped (counted with the stale ones).
        var unreceived = hub.Portal.Data.Dossiers.Where(d => d.Record["NgayTiepNhan"] is null && d.Record["MaHoSo"] is not null).ToList();
        Assert.NotEmpty(unreceived);
        Assert.DoesNotContain(quarantined, q => unreceived.Any(u => u.Id == q.RecordId));
        foreach (var u in unreceived) Assert.Null(await hub.Get<Hub.Storage.Evidence.DossierRepository>().GetAsync(u.UnitCode, u.Id, default));
    }

    [Fact]
    public async Task A_crash_after_storing_a_page_but_before_advancing_the_watermark_stores_nothing_twice()
    {
        await using var hub = await TestHub.StartAsync(settings: new Dictionary<string, string?> { ["Sync:MaxPagesPerRun"] = "1" });
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName);
        var runner = hub.Get<SyncRunner>();
        var states = hub.Get<SyncStateRepository>();
        var item = new SyncWorkItem(PortalDossiersSource.SourceName, "*", DateTimeOffset.UtcNow);

        var (first, _) = await runner.RunAsync(item, default);
        Assert.True(first.Stored > 0);
        var afterFirst = await CountAsync(hub.Storage, StorageNames.DossiersTable);

        // The crash: the page is stored but the watermark never moved. Put the state back as it was before.
        var (state, etag) = await states.GetAsync(item.Source, item.Scope, default);
        await states.SaveAsync(state with { Cursor = null, Watermark = null }, etag, default);

        var (again, _) = await runner.RunAsync(item, default);
        Assert.Equal(0, again.Stored);
        Assert.Equal(first.Read, again.Stale + again.Quarantined);
        Assert.Equal(afterFirst, await CountAsync(hub.Storage, StorageNames.DossiersTable));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_nothing_the_second_time()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName, PortalProceduresSource.SourceName);
        var handler = hub.Get<SyncWorkHandler>();
        var unit = hub.Portal.Data.Dossiers.First(d => d.Record["NgayTiepNhan"] is not null).UnitCode; // dossiers are synced per unit
        var message = System.Text.Json.JsonSerializer.Serialize(new SyncWorkItem(PortalDossiersSource.SourceName, unit, DateTimeOffset.UtcNow), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var states = hub.Get<SyncStateRepository>();

        // Deliver, then rewind the watermark (an at-least-once redelivery of the same work), then deliver again.
        await hub.Get<Hub.Local.Local.LocalQueueDrainer>().DrainAsync(default);
        var one = await handler.HandleAsync(message, default);
        var count = await CountAsync(hub.Storage, StorageNames.DossiersTable);
        var (state, etag) = await states.GetAsync(PortalDossiersSource.SourceName, unit, default);
        await states.SaveAsync(state with { Cursor = null }, etag, default);
        var two = await handler.HandleAsync(message, default);
        Assert.True(one!.Stored > 0);
        Assert.Equal(0, two!.Stored);
        Assert.Equal(count, await CountAsync(hub.Storage, StorageNames.DossiersTable));
        Assert.Equal(hub.Portal.Data.Dossiers.Where(d => d.UnitCode == unit && d.Record["NgayTiepNhan"] is not null).Select(d => d.Id).Distinct().Count(), count);
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName);
        var repo = hub.Get<Hub.Storage.Evidence.DossierRepository>();
        var mapper = hub.Get<Hub.Sources.Portal.PortalMapper>();
        // A dossier with three versions: deliver the final one first, then the earlier ones (out of order).
        var versions = hub.Portal.Data.Dossiers.GroupBy(d => d.Id).First(g => g.Count() == 3).OrderBy(v => v.Sequence).ToList();
        var mapped = versions.Select(v => mapper.MapDossier(System.Text.Json.JsonSerializer.SerializeToElement(v.Record))).ToList();
        Assert.All(mapped, m => Assert.True(m.Ok, m.Error));

        Assert.Equal(1, (await repo.UpsertAsync([(mapped[2].Value!, mapped[2].Version)], default)).Stored);
        var late = await repo.UpsertAsync([(mapped[0].Value!, mapped[0].Version), (mapped[1].Value!, mapped[1].Version)], default);
        Assert.Equal((0, 2), (late.Stored, late.Stale));
        var row = await repo.GetAsync(mapped[2].Value!.Dossier.UnitCode, mapped[2].Value!.Dossier.Id, default);
        Assert.Equal(10, row!.Status);
        Assert.NotNull(row.Dossier.FinishedAt);
        Assert.Equal(mapped[2].Version.UtcTicks, row.Version);
    }

    [Fact]
    public async Task Storms_of_429_and_503_are_ridden_out_by_the_resilience_pipeline()
    {
        await using var hub = await TestHub.StartAsync();
        hub.Portal.Faults.ThrottleNext(2, TimeSpan.FromSeconds(1));
        hub.Portal.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);
        var started = DateTimeOffset.UtcNow;
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName);
        Assert.Equal(0, hub.Portal.Faults.Pending);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.9), "Retry-After was not honoured");
        var (state, _) = await hub.Get<SyncStateRepository>().GetAsync(PortalAgenciesSource.SourceName, "*", default);
        Assert.NotNull(state.LastSuccessAt);
        Assert.Null(state.LastError);
        Assert.Equal(hub.Portal.Data.Agencies.Count, (await hub.Get<Hub.Storage.Evidence.UnitRepository>().ListAsync(default)).Count);
    }

    [Fact]
    public async Task A_slow_answer_times_out_per_attempt_and_the_retry_succeeds()
    {
        await using var hub = await TestHub.StartAsync(settings: new Dictionary<string, string?> { ["Sources:Portal:AttemptTimeout"] = "00:00:01" });
        hub.Portal.Faults.DelayNext(1, TimeSpan.FromSeconds(5));
        var started = DateTimeOffset.UtcNow;
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4.5)); // cut at 1 s, not 5
        Assert.True(hub.Portal.RequestCount >= 2);
        Assert.Equal(hub.Portal.Data.Agencies.Count, (await hub.Get<Hub.Storage.Evidence.UnitRepository>().ListAsync(default)).Count);
    }

    [Fact]
    public async Task A_persistent_outage_fails_the_item_records_the_error_and_ends_in_the_poison_queue()
    {
        await using var hub = await TestHub.StartAsync();
        hub.Portal.Faults.FailNext(1000, HttpStatusCode.InternalServerError);
        await hub.Get<SyncScheduler>().EnqueueAsync(PortalAgenciesSource.SourceName, default);
        var result = await hub.Get<Hub.Local.Local.LocalQueueDrainer>().DrainAsync(default, retryAfter: TimeSpan.FromSeconds(1));
        Assert.Equal(1, result.Poisoned);
        var status = await hub.Get<SyncStatusService>().GetAsync(default);
        Assert.Equal(1, status.PoisonMessages);
        var agencies = status.Sources.Single(s => s.Source == PortalAgenciesSource.SourceName);
        Assert.Contains(agencies.Errors, e => e.Contains("portal: GET api/v1/coquan"));
        Assert.Null(agencies.LastSuccessAt);
    }

    [Fact]
    public async Task Wrong_credentials_get_a_clear_error_and_nothing_is_lost()
    {
        await using var hub = await TestHub.StartAsync(apiKey: "expired-key");
        var runner = hub.Get<SyncRunner>();
        var e = await Assert.ThrowsAsync<SourceAuthenticationException>(() => runner.RunAsync(new SyncWorkItem(PortalAgenciesSource.SourceName, "*", DateTimeOffset.UtcNow), default));
        Assert.Contains("API key is missing, wrong or expired", e.Message);
        var (state, _) = await hub.Get<SyncStateRepository>().GetAsync(PortalAgenciesSource.SourceName, "*", default);
        Assert.Null(state.Cursor); // the watermark did not move
        Assert.Contains("API key", state.LastError);
    }

    [Fact]
    public async Task No_clear_citizen_id_or_name_reaches_tables_blobs_or_logs()
    {
        await using var hub = await TestHub.StartAsync(TestHub.SmallScale(malformed: 0.02));
        await hub.SyncAllAsync();
        var secrets = hub.Portal.Data.PersonalValues.Distinct().ToList();
        Assert.NotEmpty(secrets);

        var haystack = new StringBuilder();
        foreach (var table in StorageNames.Tables)
            await foreach (var e in hub.Storage.Table(table).QueryAsync<TableEntity>())
                foreach (var (_, v) in e) haystack.Append(v).Append('\n');
        foreach (var container in StorageNames.Containers)
        {
            var c = hub.Storage.Container(container);
            await foreach (var blob in c.GetBlobsAsync())
                haystack.Append((await c.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString()).Append('\n');
        }
        foreach (var line in hub.LogLines) haystack.Append(line).Append('\n');
        var text = haystack.ToString();
        Assert.Contains("h1:", text); // hashes are there, so the scan looked at real content
        var leaks = secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Take(5).ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task Sync_status_reports_watermark_and_lag()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        var status = await hub.Get<SyncStatusService>().GetAsync(default);
        var dossiers = status.Sources.Single(s => s.Source == PortalDossiersSource.SourceName);
        var newest = hub.Portal.Data.Dossiers.Max(d => d.UpdatedAt);
        Assert.True(PortalTime.TryParse(newest, out var newestAt));
        Assert.Equal(newestAt, dossiers.Watermark);
        Assert.NotNull(dossiers.Lag);
        Assert.InRange(dossiers.Lag!.Value, status.At - newestAt - TimeSpan.FromSeconds(1), status.At - newestAt + TimeSpan.FromSeconds(1));
        Assert.NotNull(dossiers.LastSuccessAt);
        Assert.Empty(dossiers.Errors);
        Assert.Equal(0, status.PoisonMessages);
    }
}

/// <summary>Sources beyond the dossier feed, feed faults, and the registry join.</summary>
[Collection(AzuriteCollection.Name)]
public class MoreSourcesTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;

    [Fact]
    public async Task Duplicated_pages_and_out_of_order_versions_store_each_dossier_once_in_its_latest_version()
    {
        var scale = TestHub.SmallScale() with { OutOfOrderRate = 0.5 };
        await using var hub = await TestHub.StartAsync(scale);
        hub.Portal.Faults.DuplicateNextPages(1000);
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName, PortalDossiersSource.SourceName);

        var repo = hub.Get<Hub.Storage.Evidence.DossierRepository>();
        var latest = hub.Portal.Data.Dossiers.Where(d => d.Record["NgayTiepNhan"] is not null)
            .GroupBy(d => d.Id).Select(g => g.MaxBy(v => v.Record["NgayCapNhat"]!.GetValue<string>())!).ToList();
        var reordered = 0;
        foreach (var expected in latest)
        {
            var row = await repo.GetAsync(expected.UnitCode, expected.Id, default);
            Assert.NotNull(row);
            Assert.Equal(expected.Record["TrangThaiHoSo"]!.GetValue<int>(), row!.Status);
            Assert.True(PortalTime.TryParse(expected.Record["NgayCapNhat"]!.GetValue<string>(), out var version));
            Assert.Equal(version.UtcTicks, row.Version);
            if (hub.Portal.Data.Dossiers.Where(d => d.Id == expected.Id).Select(d => d.Record["NgayCapNhat"]!.GetValue<string>()).ToList() is var order
                && !order.SequenceEqual(order.Order(StringComparer.Ordinal))) reordered++;
        }
        Assert.True(reordered > 10, "the simulator did not reorder versions: the test would prove nothing");
        var runs = await hub.Get<SyncRunRepository>().LatestAsync(PortalDossiersSource.SourceName, 100, default);
        Assert.Equal(2 * hub.Portal.Data.Dossiers.Count, runs.Sum(r => r.Read)); // every record came twice
    }

    [Fact]
    public async Task Ratings_feedback_and_registry_logs_sync_and_the_registry_join_credits_reuse()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        var units = await hub.Get<Hub.Storage.Evidence.UnitRepository>().ListAsync(default);
        var ratings = 0; var feedback = 0; var lookups = new List<Hub.Domain.Evidence.SharingRecord>();
        foreach (var u in units)
        {
            ratings += (await hub.Get<Hub.Storage.Evidence.RatingRepository>().ListByUnitAsync(u.Code, default)).Count;
            feedback += (await hub.Get<Hub.Storage.Evidence.FeedbackRepository>().ListByUnitAsync(u.Code, default)).Count;
            lookups.AddRange(await hub.Get<Hub.Storage.Evidence.SharingLogRepository>().ListByUnitAsync(u.Code, default));
        }
        Assert.Equal(hub.Portal.Data.Ratings.Count, ratings);
        Assert.Equal(hub.Portal.Data.Feedback.Count, feedback);
        Assert.Equal(hub.Portal.Data.PopulationLog.Count + hub.Portal.Data.BusinessLog.Count, lookups.Count);
        Assert.All(lookups, l => Assert.StartsWith(PersonalDataHasher.Prefix, l.SubjectHash));

        // The join: a looked-up dossier whose portal flags say "not reused" is credited through the registry log.
        var repo = hub.Get<Hub.Storage.Evidence.DossierRepository>();
        var credited = 0;
        foreach (var l in lookups)
        {
            var row = await repo.GetAsync(l.UnitCode, l.DossierId, default);
            Assert.NotNull(row);
            Assert.Equal(row!.ApplicantHash, l.SubjectHash); // same person, same hash, neither in clear
            var reuse = new Hub.Domain.Evidence.DataReuse([l]);
            Assert.True(reuse.Applies(row.Dossier, row.ApplicantHash));
            if (!row.Dossier.ReusedData) credited++;
        }
        Assert.True(credited > 0, "no dossier was credited by the join alone");
        var stranger = new Hub.Domain.Evidence.DataReuse([lookups[0] with { SubjectHash = "h1:someone-else" }]);
        var first = await repo.GetAsync(lookups[0].UnitCode, lookups[0].DossierId, default);
        Assert.Equal(first!.Dossier.ReusedData, stranger.Applies(first.Dossier, first.ApplicantHash)); // a look-up of another person does not count
    }

    [Theory]
    [InlineData("{\"source\":\"portal-dossiers\",\"scope\":\"X99.99\",\"enqueuedAt\":\"2026-10-01T00:00:00Z\"}", "unit 'X99.99' is not a known unit")]
    [InlineData("{\"source\":\"portal-everything\",\"scope\":\"*\",\"enqueuedAt\":\"2026-10-01T00:00:00Z\"}", "unknown sync source 'portal-everything'")]
    [InlineData("{\"source\":\"portal-evaluation\",\"scope\":\"2026-Q9\",\"enqueuedAt\":\"2026-10-01T00:00:00Z\"}", "is not valid")]
    [InlineData("{\"source\":\"portal-agencies\",\"scope\":\"G12\",\"enqueuedAt\":\"2026-10-01T00:00:00Z\"}", "synced as a whole")]
    [InlineData("not json at all", "not valid JSON")]
    public async Task A_work_item_that_can_never_succeed_goes_to_the_poison_queue_at_once_and_leaves_no_state(string message, string reason)
    {
        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync(PortalAgenciesSource.SourceName);
        var before = await hub.Get<SyncStateRepository>().ListAsync(default);
        var requests = hub.Portal.RequestCount;

        Assert.Null(await hub.Get<SyncWorkHandler>().HandleAsync(message, default)); // no exception: nothing to retry

        var poison = (await hub.Storage.Queue(StorageNames.SyncWorkPoisonQueue).ReceiveMessagesAsync(10)).Value;
        var parked = Assert.Single(poison);
        using var doc = System.Text.Json.JsonDocument.Parse(parked.Body.ToString());
        Assert.Contains(reason, doc.RootElement.GetProperty("reason").GetString());
        Assert.Equal(message, doc.RootElement.GetProperty("message").GetString());
        Assert.Equal(before.Count, (await hub.Get<SyncStateRepository>().ListAsync(default)).Count);
        Assert.Equal(requests, hub.Portal.RequestCount); // the source was never called
    }

    [Fact]
    public async Task Credentials_the_source_refuses_are_parked_not_retried_five_times()
    {
        await using var hub = await TestHub.StartAsync(apiKey: "wrong-key");
        var message = System.Text.Json.JsonSerializer.Serialize(new SyncWorkItem(PortalAgenciesSource.SourceName, "*", DateTimeOffset.UtcNow), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Null(await hub.Get<SyncWorkHandler>().HandleAsync(message, default));
        var parked = Assert.Single((await hub.Storage.Queue(StorageNames.SyncWorkPoisonQueue).ReceiveMessagesAsync(10)).Value);
        Assert.Contains("API key", parked.Body.ToString());
    }
}
