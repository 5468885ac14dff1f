using Hub.Functions.Api;
using Hub.Storage.Sync;
using Microsoft.Extensions.Logging;

namespace Hub.Integration.Tests;

/// <summary>A new deployment as it really starts: the Function App's composition on a storage namespace nobody has
/// used (no table, container or queue), its timers firing in whatever order their schedules give.</summary>
[Collection(AzuriteCollection.Name)]
public class DayOneTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task From_empty_storage_per_unit_timers_that_fire_first_wait_for_the_unit_list_and_nothing_is_quarantined_as_unknown_unit()
    {
        await using var app = await FunctionAppHost.StartAsync(azurite);
        // The worst order: every per-unit source's timer before the agency catalogue's (dossiers every 10 minutes, the
        // catalogue once a day).
        foreach (var source in SyncSources.All.Reverse()) await app.TickSyncTimerAsync(source);
        var queued = await app.DrainSyncQueueAsync();
        var logs = app.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.StartsWith("No unit is known yet: portal-dossiers waits for the unit list"));
        // One catalogue sync, asked for by the first waiting timer, not one per waiting timer.
        Assert.Single(logs, r => r.Message.Contains("waits for the unit list; portal-agencies was requested now"));
        Assert.True(queued >= 2, $"{queued} work items"); // the catalogue, the procedures, the evaluation's periods

        // Their next ticks find the units.
        foreach (var source in SyncSources.All.Reverse()) await app.TickSyncTimerAsync(source);
        await app.DrainSyncQueueAsync();

        var units = await app.Services.GetRequiredService<Hub.Storage.Evidence.UnitRepository>().ListAsync(default);
        Assert.NotEmpty(units);
        var quarantine = app.Services.GetRequiredService<QuarantineRepository>();
        foreach (var source in SyncSources.All)
            Assert.DoesNotContain(await quarantine.ListAsync(source.Name, default), q => q.Reason.Contains("unknown unit"));
        var states = await app.Services.GetRequiredService<SyncStateRepository>().ListAsync(default);
        var runner = app.Services.GetRequiredService<SyncRunner>();
        foreach (var source in SyncSources.All.Where(s => runner.Source(s.Name).WaitsForUnits))
        {
            Assert.DoesNotContain(states, s => s.Source == source.Name && s.Scope == "*");
            Assert.Equal(units.Select(u => u.Code).Order(StringComparer.Ordinal), states.Where(s => s.Source == source.Name).Select(s => s.Scope).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_stale_whole_feed_scope_left_by_an_earlier_start_never_holds_a_later_period_at_the_gate()
    {
        await using var app = await FunctionAppHost.StartAsync(azurite);
        await app.SyncInOrderAsync();
        await app.Services.GetRequiredService<SyncScheduler>().EnqueueScopeAsync(PortalEvaluationSource.SourceName, TestHub.Q3.ToString(), default);
        await app.DrainSyncQueueAsync();

        // What the first start of an earlier version left: the dossiers read as a whole before any unit was known, in
        // July, never synced again; and a unit since gone from the catalogue.
        var states = app.Services.GetRequiredService<SyncStateRepository>();
        var july = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        await states.SaveAsync(new SyncState(PortalDossiersSource.SourceName, "*", "c1", july, july, july, null), default, default);
        await states.SaveAsync(new SyncState(PortalRatingsSource.SourceName, "GONE-UNIT", "c1", july, july, july, null), default, default);

        // Q3 ended after that start; every current scope has caught up since.
        var check = await app.Create<CheckSyncActivity>().RunAsync(null!, TestHub.Q3);
        Assert.True(check.Complete, string.Join("; ", check.Gaps));

        // Nor do they make the source look behind in sync status.
        var status = await app.Services.GetRequiredService<SyncStatusService>().GetAsync(default);
        var dossiers = status.Sources.Single(s => s.Source == PortalDossiersSource.SourceName);
        Assert.NotNull(dossiers.LastSuccessAt);
        Assert.True(dossiers.LastSuccessAt > TestHub.Q3.End);
        Assert.Equal((await app.Services.GetRequiredService<Hub.Storage.Evidence.UnitRepository>().ListAsync(default)).Count, dossiers.Scopes);
        // The lag travels as an ISO 8601 duration.
        var json = JsonSerializer.Serialize(dossiers, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Matches("\"lag\":\"P\\d+DT", json);

        // Health does not count them either, but says what is true of the simulated feeds: their newest records are of
        // Q3 2026, far older than a ministry's dossier feed ever is.
        var health = app.Request("GET", "/api/health", key: null);
        await app.Create<AdminFunctions>().Health(health.Request);
        var reasons = FunctionAppHost.Body(health).GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("portal-dossiers: newest record") && r.EndsWith("(new ones expected within 7 days)"));
        Assert.DoesNotContain(reasons, r => r.Contains("last caught up") || r.Contains("never caught up"));

        // A current scope that is behind still holds the gate: the check is not simply switched off.
        await states.SaveAsync(new SyncState(PortalDossiersSource.SourceName, "ZZ-NEW", null, null, null, null, null), default, default);
        var units = app.Services.GetRequiredService<Hub.Storage.Evidence.UnitRepository>();
        await units.UpsertAsync([(new Hub.Domain.Units.Unit("ZZ-NEW", "Đơn vị mới", null), DateTimeOffset.UtcNow)], default);
        app.Services.GetRequiredService<KnownUnits>().Invalidate();
        var held = await app.Create<CheckSyncActivity>().RunAsync(null!, TestHub.Q3);
        Assert.False(held.Complete);
        Assert.Contains(held.Gaps, g => g.StartsWith(PortalDossiersSource.SourceName) && g.Contains("ZZ-NEW"));
    }

    [Fact]
    public async Task Storage_is_created_at_start_and_health_names_a_missing_table_instead_of_calling_storage_unreachable()
    {
        await using var app = await FunctionAppHost.StartAsync(azurite);
        Assert.True((await app.Storage.MissingAsync()).Complete);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains("Storage lacked") && r.Message.Contains(app.Storage.Table(StorageNames.SyncStateTable).Name));

        await app.Storage.Table(StorageNames.AlertsTable).DeleteAsync();
        var health = app.Request("GET", "/api/health", key: null);
        await app.Create<AdminFunctions>().Health(health.Request);
        Assert.Equal(200, health.Response.StatusCode);
        var body = FunctionAppHost.Body(health);
        Assert.Equal("incomplete", body.GetProperty("storage").GetProperty("status").GetString());
        Assert.Contains($"table {app.Storage.Table(StorageNames.AlertsTable).Name}", body.GetProperty("storage").GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("storage lacks table"));

        // Created again (idempotently) by the next start.
        Assert.Equal([app.Storage.Table(StorageNames.AlertsTable).Name], await app.Storage.EnsureCreatedAsync());
        Assert.Empty(await app.Storage.EnsureCreatedAsync());
    }

    [Fact]
    public async Task A_source_whose_key_vault_secret_is_missing_stops_only_itself_and_is_named_in_sync_status_and_health()
    {
        const string reference = "@Microsoft.KeyVault(VaultName=kv-sqihub;SecretName=business-api-key)";
        await using var app = await FunctionAppHost.StartAsync(azurite, new Dictionary<string, string?> { ["Sources:Business:ApiKey"] = reference });
        await app.SyncInOrderAsync();

        var status = await app.Services.GetRequiredService<SyncStatusService>().GetAsync(default);
        var business = status.Sources.Single(s => s.Source == BusinessSharingSource.SourceName);
        Assert.Equal(0, business.Scopes);
        Assert.Contains("unresolved Key Vault reference (setting Sources:Business:ApiKey)", Assert.Single(business.Errors));
        Assert.All(status.Sources.Where(s => s.Source != BusinessSharingSource.SourceName), s => Assert.NotNull(s.LastSuccessAt));
        Assert.Equal(0, status.PoisonMessages);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.StartsWith("business-sharing is not synced"));
        // The reference text never went to the source.
        Assert.Equal(0, app.Portal.RefusedRequestCount);

        var health = app.Request("GET", "/api/health", key: null);
        await app.Create<AdminFunctions>().Health(health.Request);
        Assert.Contains(FunctionAppHost.Body(health).GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("business-sharing: not synced"));
    }

    [Fact]
    public async Task The_personal_data_hash_key_as_an_unresolved_reference_still_refuses_to_start()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionAppHost.StartAsync(azurite,
            new Dictionary<string, string?> { ["PersonalData:HashKey"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=personal-data-hash-key)" }));
        Assert.Contains("PersonalData__HashKey", e.Message);
    }
}
