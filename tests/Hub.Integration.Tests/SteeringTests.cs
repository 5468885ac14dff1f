using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using Hub.Functions.Api;
using Hub.Sources.Common;
using Hub.Storage.Evidence;
using Hub.Workflows.Steering;

namespace Hub.Integration.Tests;

/// <summary>Live figures, watch lists and push ingestion in the Function App's own composition, on Azurite, with the
/// clock in the middle of the simulated quarter.</summary>
[Collection(AzuriteCollection.Name)]
public class SteeringTests(AzuriteFixture azurite)
{
    private const string Sender = "mot-cua-bo-tai-chinh";
    private const string SenderKey = "push-test-key-0123456789";
    private static readonly DateTimeOffset MidQuarter = new(2026, 9, 20, 10, 0, 0, VietnamTime.Offset);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private Task<FunctionAppHost> StartAsync() => FunctionAppHost.StartAsync(azurite,
        new Dictionary<string, string?> { [$"Ingestion:Senders:{Sender}:Key"] = SenderKey },
        services: s => s.AddSingleton<TimeProvider>(new FixedClock(MidQuarter)));

    private static async Task<(int Status, JsonElement Body)> PushAsync(FunctionAppHost app, string body, string? key = SenderKey, string sender = Sender)
    {
        var request = app.Request("POST", "/api/ingest/dossiers", body, key: null);
        request.Request.Headers["x-hub-sender"] = sender;
        if (key is not null) request.Request.Headers["x-hub-sender-key"] = key;
        await app.Create<AdminFunctions>().PushRecords(request.Request, "dossiers");
        return (request.Response.StatusCode, FunctionAppHost.Body(request));
    }

    private static async Task<(int Status, DefaultHttpContext Context)> GetAsync(FunctionAppHost app, string route, string path, string query, params (string, string)[] values)
    {
        var request = app.Request("GET", path);
        request.Request.QueryString = new QueryString(query);
        await app.Services.GetRequiredService<Hub.Api.Routes.ApiRouter>().ExecuteAsync(route, request.Request, null, values);
        return (request.Response.StatusCode, request);
    }

    /// <summary>The full recompute: every unit's records read afresh and scored as a scoring run scores them.</summary>
    private static async Task<IndexResult> RecomputeAsync(FunctionAppHost app, Period period)
    {
        var tree = await app.Services.GetRequiredService<UnitRepository>().LoadTreeAsync(default);
        var reader = app.Services.GetRequiredService<UnitRecordReader>();
        var catalog = IndexCatalogs.Get(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScoringOptions>>().Value.MethodologyFor(period));
        var evidence = new List<UnitEvidence>();
        foreach (var unit in tree.Units)
        {
            var builder = new Hub.Domain.Steering.LiveUnitBuilder(unit.Code, period, catalog.Parameters, MidQuarter, Hub.Domain.Steering.WatchOptions.Default);
            await reader.ReadAsync(unit.Code, period.End, new Sink(builder), default);
            evidence.Add(builder.Build().AsIs);
        }
        var inputs = await app.Services.GetRequiredService<Hub.Storage.Portal.PortalEvaluationRepository>().LatestAsync(period, default) is { } c ? c.ToInputs() : PortalInputs.None;
        return IndexScorer.Score(period, catalog, tree, evidence, inputs);
    }

    private sealed class Sink(Hub.Domain.Steering.LiveUnitBuilder builder) : IUnitRecordSink
    {
        public void Add(Procedure p) => builder.Add(p);
        public void Add(DossierSnapshotRow d) => builder.Add(d.Dossier, d.Status, d.ProcedureName);
        public void Add(FeedbackItem f) => builder.Add(f);
        public void Add(Rating r) => builder.Add(r);
    }

    [Fact]
    public async Task Live_figures_kept_by_every_sync_and_push_equal_a_full_recompute_after_random_versions_redeliveries_and_out_of_order_batches()
    {
        await using var app = await StartAsync();
        await app.SyncInOrderAsync();
        var steering = app.Services.GetRequiredService<SteeringService>();
        var tree = await steering.TreeAsync(default);
        var q3 = TestHub.Q3;
        Assert.Null(steering.LiveProblem(q3));

        // The pull alone: every unit's snapshot taken when its feeds caught up.
        var afterPull = await steering.FiguresAsync(q3, tree, default);
        Assert.Equal(tree.Count, afterPull.Snapshots.Count);
        Assert.Equal(Json(await RecomputeAsync(app, q3)), Json(afterPull.AsIs));

        // Then a random sequence of pushed versions: later versions of synced dossiers (finished, returned, reopened),
        // each batch sometimes re-delivered, sometimes followed by an older version of its records (out of order).
        var random = new Random(766);
        var dossiers = app.Portal.Data.Dossiers.Where(r => r.Record["NgayTiepNhan"] is not null).ToList();
        var version = MidQuarter.AddHours(-6);
        var batches = new List<string>();
        for (var round = 0; round < 12; round++)
        {
            var batch = new JsonArray();
            foreach (var record in dossiers.OrderBy(_ => random.Next()).Take(random.Next(5, 40)))
            {
                var node = record.Record;
                version = version.AddSeconds(random.Next(1, 90));
                node["NgayCapNhat"] = PortalTime.Write(version);
                switch (random.Next(3))
                {
                    case 0: node["NgayKetThucXuLy"] = PortalTime.Write(version); node["TrangThaiHoSo"] = 9; break;
                    case 1: node["NgayKetThucXuLy"] = null; node["TrangThaiHoSo"] = 5; break;
                    default: node["NgayKetThucXuLy"] = null; node["TrangThaiHoSo"] = 4; node["NgayHenTra"] = PortalTime.Write(version.AddHours(random.Next(-200, 200))); break;
                }
                batch.Add(node);
            }
            var text = batch.ToJsonString();
            batches.Add(text);
            var (status, body) = await PushAsync(app, text);
            Assert.Equal(200, status);
            Assert.Equal(batch.Count, body.GetProperty("received").GetInt32());
            if (random.Next(3) == 0)
            {
                var (again, redelivered) = await PushAsync(app, text);
                Assert.Equal(200, again);
                Assert.Equal(0, redelivered.GetProperty("stored").GetInt32());
            }
            if (round > 0 && random.Next(2) == 0)
            {
                var (late, older) = await PushAsync(app, batches[random.Next(batches.Count - 1)]);
                Assert.Equal(200, late);
            }
        }

        var live = await steering.FiguresAsync(q3, tree, default);
        var full = await RecomputeAsync(app, q3);
        Assert.Equal(Json(full), Json(live.AsIs));
        Assert.NotEqual(Json(afterPull.AsIs), Json(live.AsIs));

        // The API answers from the same figures, and never with an applicant.
        var root = tree.Roots[0];
        var (liveStatus, liveAnswer) = await GetAsync(app, "GetLive", $"/api/live/{q3}", $"?unit={root}", ("period", q3.ToString()));
        Assert.Equal(200, liveStatus);
        var answer = FunctionAppHost.Body(liveAnswer);
        Assert.Equal(full.Units.Single(u => u.Code == root).Total!.Value, answer.GetProperty("unit").GetProperty("total").GetDouble(), 6);
        var (watchStatus, watch) = await GetAsync(app, "GetWatchList", $"/api/watchlist/{q3}", $"?unit={root}&pageSize=500", ("period", q3.ToString()));
        Assert.Equal(200, watchStatus);
        var watchText = Encoding.UTF8.GetString(((MemoryStream)watch.Response.Body).ToArray());
        foreach (var personal in app.Portal.Data.PersonalValues.Take(200)) Assert.DoesNotContain(personal, watchText);
        Assert.True(FunctionAppHost.Body(watch).GetProperty("counts").GetProperty("returned").GetInt32() > 0);
    }

    [Fact]
    public async Task A_push_is_refused_whole_when_malformed_or_unauthenticated_and_its_bad_records_are_quarantined_with_the_good_ones_stored()
    {
        await using var app = await StartAsync();
        await app.SyncInOrderAsync();
        var good = app.Portal.Data.Dossiers.First(r => r.Record["NgayTiepNhan"] is not null).Record;
        good["NgayCapNhat"] = PortalTime.Write(MidQuarter);
        var bad = good.DeepClone().AsObject();
        bad["MaHoSo"] = "X-BAD-1";
        bad["NgayHenTra"] = "31/02/2026";

        Assert.Equal(401, (await PushAsync(app, "[]", key: "wrong-key")).Status);
        Assert.Equal(401, (await PushAsync(app, "[]", key: null)).Status);
        Assert.Equal(401, (await PushAsync(app, "[]", sender: "someone-else")).Status);
        foreach (var malformed in new[] { "not json", "{}", "[]", "[1, 2]", "{\"data\": 3}" })
        {
            var (status, body) = await PushAsync(app, malformed);
            Assert.Equal(400, status);
            Assert.DoesNotContain("   at ", body.ToString());
        }

        var batch = new JsonArray(good.DeepClone(), bad).ToJsonString();
        var (ok, outcome) = await PushAsync(app, batch);
        Assert.Equal(200, ok);
        Assert.Equal(1, outcome.GetProperty("stored").GetInt32());
        var rejected = Assert.Single(outcome.GetProperty("quarantined").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Contains("NgayHenTra", rejected.GetProperty("reason").GetString());
        var quarantined = await app.Services.GetRequiredService<Hub.Storage.Sync.QuarantineRepository>().ListAsync(PushIngestion.SourceOf(Sender), default);
        Assert.Contains(quarantined, q => q.RecordId == "X-BAD-1");
        Assert.Equal(0, (await PushAsync(app, batch)).Body.GetProperty("stored").GetInt32());
    }

    [Fact]
    public async Task A_dossier_changed_at_the_source_is_in_the_watch_list_after_the_next_dossier_sync()
    {
        await using var app = await StartAsync();
        await app.SyncInOrderAsync();
        var steering = app.Services.GetRequiredService<SteeringService>();
        var tree = await steering.TreeAsync(default);
        var q3 = TestHub.Q3;
        var open = DossierChanges.Latest(app.Portal.Dossiers).Values
            .Where(r => tree.Contains(r.UnitCode) && DossierChanges.IsOpen(r))
            .OrderBy(r => r.Id, StringComparer.Ordinal).First();
        Assert.DoesNotContain((await steering.WatchListAsync(q3, open.UnitCode, tree, Hub.Domain.Steering.WatchKind.ReturnedForSupplement, null, default)).Rows, e => e.Dossier.Id == open.Id);

        // Stamped after everything the feed holds, as the portal stamps a change; returned to the applicant.
        PortalTime.TryParse(app.Portal.Dossiers[^1].UpdatedAt, out var last);
        var change = DossierChanges.NextVersion(open, DossierChanges.ReturnedForSupplement, last.AddMinutes(1));
        app.Portal.AppendDossierVersions([change]);
        Assert.Throws<ArgumentException>(() => app.Portal.AppendDossierVersions([DossierChanges.NextVersion(open, 10, last)])); // before what is served: refused
        await app.TickSyncTimerAsync(SyncSources.All.Single(s => s.Name == PortalDossiersSource.SourceName));
        await app.DrainSyncQueueAsync();

        var returned = (await steering.WatchListAsync(q3, open.UnitCode, tree, Hub.Domain.Steering.WatchKind.ReturnedForSupplement, null, default)).Rows;
        Assert.Contains(returned, e => e.Dossier.Id == open.Id);
        // And the forecast no longer counts it as recoverable: a returned dossier waits for the applicant.
        var snapshot = await app.Services.GetRequiredService<Hub.Storage.Steering.LiveSnapshotStore>().GetAsync(q3, open.UnitCode, default);
        Assert.DoesNotContain(open.Id, snapshot!.Recoverable);
    }

    [Fact]
    public void The_simulated_running_quarter_stands_as_of_its_instant_and_leaves_the_closed_periods_as_they_were()
    {
        var until = new DateTimeOffset(2026, 11, 20, 15, 0, 0, VietnamTime.Offset);
        var closed = PortalDataSet.Generate(TestHub.SmallScale() with { DossiersPerQuarter = 2000 });
        var withRunning = PortalDataSet.Generate(TestHub.SmallScale() with { DossiersPerQuarter = 2000, RunningUntil = until });
        // The closed periods' records are the same ones, byte for byte.
        var running = withRunning.Dossiers.Where(r => r.Id.Contains("-R", StringComparison.Ordinal)).ToList();
        Assert.Equal(closed.Dossiers.Select(r => r.Cursor + Convert.ToBase64String(r.Json)), withRunning.Dossiers.Except(running).Select(r => r.Cursor + Convert.ToBase64String(r.Json)));
        Assert.NotEmpty(running);
        var q4 = Period.OfQuarter(2026, 4);
        var latest = DossierChanges.Latest(running).Values.Select(r => r.Record).ToList();
        DateTimeOffset At(JsonNode? n) { Assert.True(PortalTime.TryParse(n?.GetValue<string>(), out var t)); return t; }
        // Nothing the future holds: every version stamped by `until`, every dossier received in the running quarter.
        Assert.All(running, r => Assert.True(At(JsonValue.Create(r.UpdatedAt)) <= until));
        Assert.All(latest, d => Assert.True(q4.Contains(At(d["NgayTiepNhan"]))));
        // What a unit head steers by is there: open and due later, returned, accepted more than a day after filing.
        Assert.Contains(latest, d => d["TrangThaiHoSo"]!.GetValue<int>() is 2 or 4 && At(d["NgayHenTra"]) > until);
        Assert.Contains(latest, d => d["TrangThaiHoSo"]!.GetValue<int>() == DossierChanges.ReturnedForSupplement);
        Assert.Contains(latest, d => At(d["NgayTiepNhan"]) - At(d["NgayNopHoSo"]) > TimeSpan.FromHours(24));
        Assert.Contains(latest, d => d["TrangThaiHoSo"]!.GetValue<int>() == 10);
    }

    private static string Json(IndexResult result) => JsonSerializer.Serialize(result);
}
