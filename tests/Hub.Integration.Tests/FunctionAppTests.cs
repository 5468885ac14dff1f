using Hub.Api;
using Hub.Api.Auth;
using Hub.Functions.Api;
using Hub.Functions.Scoring;
using Hub.Functions.Sync;
using Hub.Storage.Queues;
using Hub.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Hub.Integration.Tests;

/// <summary>The Function App itself: its services built as Program.cs builds them, with the settings of
/// local.settings.sample.json (pointed at Azurite and the simulator), and its function classes invoked directly —
/// HTTP triggers, the queue trigger and the timers — as the Functions quickstarts test theirs.</summary>
[Collection(AzuriteCollection.Name)]
public class FunctionAppTests(AzuriteFixture azurite)
{
    private const string DevKey = FunctionAppHost.DevKey;

    private Task<FunctionAppHost> StartLikeProgramAsync() => FunctionAppHost.StartAsync(azurite);

    [Fact]
    public async Task Every_function_class_and_every_registered_activity_resolves_from_the_Function_Apps_services()
    {
        await using var app = await StartLikeProgramAsync();
        var functionClasses = typeof(Hub.Functions.Durable.Orchestrations).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null)).ToList();
        Assert.True(functionClasses.Count >= 4, string.Join(", ", functionClasses.Select(t => t.Name)));
        foreach (var type in functionClasses)
            Assert.NotNull(ActivatorUtilities.CreateInstance(app.Services, type));
        foreach (var (name, create) in WorkflowRegistry.ActivityFactories(app.Services))
            Assert.NotNull(create());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is Hub.Functions.StorageWatchService);
    }

    [Fact]
    public void Program_cs_registers_what_this_test_mirrors()
    {
        // If Program.cs gains a registration, this test's mirror must gain it too.
        var program = File.ReadAllText(Path.Combine(RepositoryRoot(), "functions", "Hub.Functions", "Program.cs"));
        Assert.Contains("builder.Services.AddHub(builder.Configuration).AddAdminApi(builder.Configuration);", program);
        Assert.Contains("builder.Services.AddHostedService<Hub.Functions.StorageWatchService>();", program);
        Assert.Contains("builder.UseMiddleware<Hub.Functions.Telemetry.InvocationLogScope>();", program);
        Assert.Equal(3, program.Split("builder.Services.").Length - 1); // AddHub+AddAdminApi, AddOpenTelemetry().UseFunctionsWorkerDefaults, AddHostedService
    }

    [Fact]
    public async Task Each_sync_timer_reads_its_sources_schedule_setting_and_the_queue_function_syncs_what_it_enqueued()
    {
        await using var app = await StartLikeProgramAsync();
        var timers = app.Create<SyncTimers>();
        var queueFunction = app.Create<SyncWorkFunction>();
        var methods = typeof(SyncTimers).GetMethods().Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null).ToList();
        Assert.Equal(SyncSources.All.Count, methods.Count);
        var queue = app.Storage.Queue(StorageNames.SyncWorkQueue);
        var late = new TimerInfo { IsPastDue = true, ScheduleStatus = new ScheduleStatus { Last = DateTime.UtcNow.AddHours(-2), Next = DateTime.UtcNow.AddMinutes(10) } };

        foreach (var source in SyncSources.All) // in their order: agencies first, so the others know the units
        {
            var timer = Assert.Single(methods, m => m.GetParameters()[0].GetCustomAttribute<TimerTriggerAttribute>()!.Schedule == $"%{source.ScheduleSetting}%");
            await (Task)timer.Invoke(timers, [late, CancellationToken.None])!;

            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            Assert.NotEmpty(messages);
            foreach (var m in messages)
            {
                Assert.Equal(source.Name, JsonSerializer.Deserialize<SyncWorkItem>(m.Body.ToString(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Source);
                await queueFunction.Run(m.Body.ToString(), CancellationToken.None); // the queue trigger, as the host calls it
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
        Assert.True((await app.Services.GetRequiredService<Hub.Storage.Evidence.UnitRepository>().ListAsync(default)).Count > 0);
        Assert.True((await app.Services.GetRequiredService<Hub.Storage.Sync.SyncStateRepository>().ListAsync(default)).Count >= SyncSources.All.Count);
        var logs = app.Logs.GetSnapshot();
        Assert.Equal(SyncSources.All.Count, logs.Count(r => r.Level == LogLevel.Warning && r.Message.Contains("running late (past due")));
        Assert.Contains(logs, r => r.Message.Contains("ticked; next at"));
    }

    [Fact]
    public async Task The_HTTP_functions_and_the_scoring_timer_run_on_Azurite_through_the_route_table()
    {
        await using var app = await StartLikeProgramAsync();
        await using var durable = await LocalDurableHost.StartAsync(app.Services);
        var http = app.Create<AdminFunctions>();

        var health = Request(app, "GET", "/api/health", key: null);
        await http.Health(health.Request);
        Assert.Equal(200, health.Response.StatusCode);
        Assert.Equal("reachable", Body(health).GetProperty("storage").GetProperty("status").GetString());

        var anonymous = Request(app, "GET", "/api/publications/2026-09", key: null);
        await http.ListPublications(anonymous.Request, "2026-09");
        Assert.Equal(401, anonymous.Response.StatusCode);
        Assert.StartsWith("application/problem+json", anonymous.Response.ContentType);

        var bad = Request(app, "POST", "/api/scoring/2026-13", body: "{}");
        await http.StartScoring(bad.Request, "2026-13", durable.Client);
        Assert.Equal(400, bad.Response.StatusCode);

        var start = Request(app, "POST", "/api/scoring/2026-09", body: """{"reason":"September through the Function App"}""");
        await http.StartScoring(start.Request, "2026-09", durable.Client);
        Assert.Equal(202, start.Response.StatusCode);
        Assert.Equal("/api/scoring/2026-09", start.Response.Headers.Location.ToString());
        var status = Request(app, "GET", "/api/scoring/2026-09");
        await http.GetScoringStatus(status.Request, "2026-09", durable.Client);
        Assert.Equal(200, status.Response.StatusCode);
        Assert.Equal("score-2026-09", Body(status).GetProperty("instanceId").GetString());
        // The audit line states the status an implicit 200 answered with.
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.StartsWith("Admin GET /api/scoring/2026-09 by ") && r.Message.EndsWith(": 200"));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Message.StartsWith("Admin ") && r.Message.EndsWith("(null)"));

        // The quarterly timer starts the quarter that just closed, once: a second tick leaves the run alone.
        var timer = app.Create<ScoringTimer>();
        var tick = new TimerInfo { IsPastDue = false, ScheduleStatus = new ScheduleStatus { Next = DateTime.UtcNow.AddDays(1) } };
        await timer.Quarterly(tick, durable.Client, CancellationToken.None);
        var quarter = Hub.Domain.Periods.Period.LastClosedAt(DateTimeOffset.UtcNow, Hub.Domain.Periods.PeriodKind.Quarter);
        var first = await durable.Client.GetInstanceAsync($"score-{quarter}");
        Assert.NotNull(first);
        await timer.Quarterly(tick, durable.Client, CancellationToken.None);
        Assert.Equal(first!.CreatedAt, (await durable.Client.GetInstanceAsync($"score-{quarter}"))!.CreatedAt);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains($"Scheduled scoring of {quarter} skipped"));
    }

    private static DefaultHttpContext Request(FunctionAppHost app, string method, string path, string? body = null, string? key = DevKey) =>
        app.Request(method, path, body, key);

    private static JsonElement Body(DefaultHttpContext context) => FunctionAppHost.Body(context);

    private static string RepositoryRoot() => FunctionAppHost.RepositoryRoot();
}
