using Xunit.Abstractions;

namespace Hub.Integration.Tests;

/// <summary>What operators and the machine do to a running hub, with real processes and real signals: concurrent
/// starts, kill -9 mid-sync and mid-scoring, SIGTERM. Each run is compared with an uninterrupted run of the same data
/// (same seed, same content hash). Figures go to the test output (dotnet test --logger "console;verbosity=detailed").</summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests(ITestOutputHelper output, CleanRun clean)
{
    // Bigger than the demo so that the fan-out and the sync last long enough to be interrupted.
    public static readonly string[] Scale = ["--units", "60", "--dossiers", "12000", "--seed", "4242"];
    public static readonly Dictionary<string, string> SlowFanOut = new() { ["Scoring__BatchSize"] = "2" };
    private static string Period => Domain.Periods.Period.LastClosedAt(DateTimeOffset.UtcNow).ToString();

    private static Task<HttpResponseMessage> StartScoringAsync(HubProcess hub, string reason = "fault test run") =>
        hub.Http.PostAsync($"scoring/{Period}", JsonContent(new { reason }));

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Twenty_concurrent_starts_start_exactly_one_run()
    {
        await using var hub = HubProcess.Start(AzuriteFixture.NewNamespace(), HubProcess.FreePort(), clean.Env(SlowFanOut), Scale);
        await hub.WaitUntilServingAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StartScoringAsync(hub, "twenty at once")));
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.Accepted);
        var conflicts = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        output.WriteLine($"20 concurrent POST /api/scoring/{Period}: {accepted} accepted, {conflicts.Count} answered 409");
        Assert.Equal(1, accepted);
        Assert.Equal(19, conflicts.Count);
        foreach (var c in conflicts) Assert.Contains($"/api/scoring/{Period}", await c.Content.ReadAsStringAsync());
        await hub.WaitForStageAsync(Period, (stage, _) => stage.StartsWith("done:"), TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await hub.PublicationsAsync(Period)).GetArrayLength());
        Assert.DoesNotContain("Multiple ExecutionStartedEvent", hub.Output);
    }

    [Fact]
    public async Task Kill_9_during_the_fan_out_then_restart_resumes_and_publishes_what_a_clean_run_publishes()
    {
        var expected = await clean.ContentHashAsync();
        var ns = AzuriteFixture.NewNamespace();
        var port = HubProcess.FreePort();
        await using (var first = HubProcess.Start(ns, port, clean.Env(SlowFanOut), Scale))
        {
            await first.WaitUntilServingAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await StartScoringAsync(first, "quarterly run, interrupted")).StatusCode);
            await first.WaitForStageAsync(Period, (stage, p) => stage == "scoring-units" && p.GetProperty("unitsDone").GetInt32() >= 4, TimeSpan.FromMinutes(1));
            first.Kill9();
        }
        var restart = Stopwatch.StartNew();
        await using var second = HubProcess.Start(ns, port, clean.Env(SlowFanOut), Scale);
        await second.WaitUntilServingAsync();
        var done = await second.WaitForStageAsync(Period, (stage, _) => stage.StartsWith("done:"), TimeSpan.FromMinutes(2));
        output.WriteLine($"kill -9 mid fan-out: the run completed {restart.Elapsed.TotalSeconds:0.0} s after the restart (process start and sync included)");
        Assert.Equal("done:published", done.GetProperty("progress").GetProperty("stage").GetString());
        var publication = Assert.Single((await second.PublicationsAsync(Period)).EnumerateArray());
        Assert.Equal(expected, publication.GetProperty("contentHash").GetString());
        Assert.Equal("quarterly run, interrupted", publication.GetProperty("reason").GetString()); // who and why survived
        Assert.Equal("developer", publication.GetProperty("publishedBy").GetString());
    }

    [Fact]
    public async Task Kill_9_mid_sync_then_restart_loses_nothing_and_counts_nothing_twice()
    {
        var expected = await clean.ContentHashAsync();
        var ns = AzuriteFixture.NewNamespace();
        var port = HubProcess.FreePort();
        await using (var first = HubProcess.Start(ns, port, clean.Env(SlowFanOut), Scale))
        {
            await first.WaitForOutputAsync("Quarantined record", TimeSpan.FromMinutes(1)); // the dossier sync is under way
            first.Kill9();
        }
        var restart = Stopwatch.StartNew();
        await using var second = HubProcess.Start(ns, port, clean.Env(SlowFanOut), Scale);
        await second.WaitUntilServingAsync();
        output.WriteLine($"kill -9 mid-sync: serving again {restart.Elapsed.TotalSeconds:0.0} s after the restart (the dead process's work items back within their lease)");
        Assert.Equal(HttpStatusCode.Accepted, (await StartScoringAsync(second)).StatusCode);
        await second.WaitForStageAsync(Period, (stage, _) => stage.StartsWith("done:"), TimeSpan.FromMinutes(2));
        var publication = Assert.Single((await second.PublicationsAsync(Period)).EnumerateArray());
        Assert.Equal(expected, publication.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task SIGTERM_during_scoring_stops_within_10_s_publishes_nothing_partial_and_a_restart_finishes()
    {
        var expected = await clean.ContentHashAsync();
        var ns = AzuriteFixture.NewNamespace();
        var port = HubProcess.FreePort();
        await using (var first = HubProcess.Start(ns, port, clean.Env(SlowFanOut), Scale))
        {
            await first.WaitUntilServingAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await StartScoringAsync(first)).StatusCode);
            await first.WaitForStageAsync(Period, (stage, p) => stage == "scoring-units" && p.GetProperty("unitsDone").GetInt32() >= 2, TimeSpan.FromMinutes(1));
            first.Signal("TERM");
            var stopped = await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            output.WriteLine($"SIGTERM mid fan-out: the process stopped after {stopped?.TotalSeconds:0.00} s");
            Assert.NotNull(stopped);
        }
        await using var second = HubProcess.Start(ns, port, clean.Env(SlowFanOut), Scale);
        await second.WaitUntilServingAsync();
        var done = await second.WaitForStageAsync(Period, (stage, _) => stage.StartsWith("done:"), TimeSpan.FromMinutes(2));
        var publication = Assert.Single((await second.PublicationsAsync(Period)).EnumerateArray());
        Assert.Equal(1, publication.GetProperty("version").GetInt32());
        Assert.Equal(expected, publication.GetProperty("contentHash").GetString());
    }
}

[Collection(FaultCollection.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Azurite_stopped_and_restarted_mid_run_warns_while_down_and_the_run_recovers()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        var period = Domain.Periods.Period.LastClosedAt(DateTimeOffset.UtcNow).ToString();
        var env = new Dictionary<string, string>(FaultTests.SlowFanOut) { ["HubStorage"] = azurite.ConnectionString, ["AzureWebJobsStorage"] = azurite.ConnectionString };
        await using var hub = HubProcess.Start("outage", HubProcess.FreePort(), env, FaultTests.Scale);
        await hub.WaitUntilServingAsync();
        var start = await hub.Http.PostAsync($"scoring/{period}", new StringContent("""{"reason":"outage test"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await hub.WaitForStageAsync(period, (stage, p) => stage == "scoring-units" && p.GetProperty("unitsDone").GetInt32() >= 2, TimeSpan.FromMinutes(1));

        await azurite.StopAsync();
        var down = Stopwatch.StartNew();
        await hub.WaitForOutputAsync("Storage is not reachable", TimeSpan.FromSeconds(15));
        output.WriteLine($"warned {down.Elapsed.TotalSeconds:0.0} s after storage went down");
        await Task.Delay(TimeSpan.FromSeconds(5));
        await azurite.StartAsync();
        await hub.WaitForOutputAsync("Storage reachable again", TimeSpan.FromSeconds(30));
        var done = await hub.WaitForStageAsync(period, (stage, _) => stage.StartsWith("done:"), TimeSpan.FromMinutes(2));
        output.WriteLine($"run completed {down.Elapsed.TotalSeconds:0.0} s after the outage began (about 7 s of it down)");
        Assert.Equal("done:published", done.GetProperty("progress").GetProperty("stage").GetString());
        Assert.Equal(1, (await hub.PublicationsAsync(period)).GetArrayLength());
    }
}

/// <summary>One uninterrupted run of the fault tests' data, the reference for their content hashes; and the Azurite the
/// fault tests' hubs share, theirs alone: each syncs 60 units and 12,000 dossiers, and an in-memory Azurite shared with
/// the rest of the suite grew slow enough under it that a hub's storage probe gave up (the hub then waits, as designed,
/// and the test times out).</summary>
public sealed class CleanRun : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PrivateAzurite _storage = new(inMemory: true);
    private string? _hash;

    public Task InitializeAsync() => _storage.StartAsync();

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();

    /// <summary>A hub process's environment: these settings, on this collection's Azurite.</summary>
    public Dictionary<string, string> Env(IReadOnlyDictionary<string, string> settings) =>
        new(settings) { ["HubStorage"] = _storage.ConnectionString, ["AzureWebJobsStorage"] = _storage.ConnectionString };

    public async Task<string> ContentHashAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_hash is not null) return _hash;
            var period = Period.LastClosedAt(DateTimeOffset.UtcNow).ToString();
            await using var hub = HubProcess.Start(AzuriteFixture.NewNamespace(), HubProcess.FreePort(), Env(FaultTests.SlowFanOut), FaultTests.Scale);
            await hub.WaitUntilServingAsync();
            var start = await hub.Http.PostAsync($"scoring/{period}", new StringContent("""{"reason":"clean reference run"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            await hub.WaitForStageAsync(period, (stage, _) => stage.StartsWith("done:"), TimeSpan.FromMinutes(2));
            return _hash = (await hub.PublicationsAsync(period))[0].GetProperty("contentHash").GetString()!;
        }
        finally { _gate.Release(); }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<CleanRun>
{
    public const string Name = "processes";
}
