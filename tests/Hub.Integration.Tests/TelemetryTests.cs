using Microsoft.Extensions.Logging;
using System.Diagnostics.Metrics;
using Hub.Workflows.Telemetry;
using OpenTelemetry.Trace;

namespace Hub.Integration.Tests;

/// <summary>The hub's own telemetry: spans across a sync run and a scoring run, and the metrics an operator watches.</summary>
[Collection(AzuriteCollection.Name)]
public class TelemetryTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;

    [Fact]
    public async Task A_sync_and_a_scoring_run_leave_spans_and_metrics()
    {
        var spans = new ConcurrentQueue<Activity>();
        var metrics = new ConcurrentDictionary<string, long>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == HubTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == HubTelemetry.Name) l.EnableMeasurementEvents(i); } };
        meters.SetMeasurementEventCallback<long>((i, value, _, _) => metrics.AddOrUpdate(i.Name, value, (_, v) => v + value));
        meters.SetMeasurementEventCallback<double>((i, _, _, _) => metrics.AddOrUpdate(i.Name, 1, (_, v) => v + 1));
        meters.Start();

        await using var hub = await TestHub.StartAsync();
        await hub.SyncAllAsync();
        await using var durable = await LocalDurableHost.StartAsync(hub.Services);
        var (_, id) = await hub.Get<ScoringStarter>().StartAsync(durable.Client, TestHub.Q3, "tester", "telemetry", default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await durable.Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        meters.RecordObservableInstruments();

        var mine = spans.Where(s => s.GetTagItem("hub.sync.scope") is not null || s.GetTagItem("hub.period") as string == TestHub.Q3.ToString()).ToList();
        Assert.Contains(mine, s => s.DisplayName == "sync portal-dossiers" && (int)s.GetTagItem("hub.sync.stored")! >= 0);
        Assert.Contains(mine, s => s.DisplayName == "scoring unit evidence");
        Assert.Contains(mine, s => s.DisplayName == "scoring roll-up");
        Assert.Contains(mine, s => s.DisplayName == "publication" && s.GetTagItem("hub.publication.version") is not null);
        foreach (var name in new[] { "hub.sync.records.read", "hub.sync.records.stored", "hub.scoring.units", "hub.run.duration", "hub.publication.versions" })
            Assert.True(metrics.GetValueOrDefault(name) > 0, $"no measurement of {name}");
    }

    [Fact]
    public void The_exporter_follows_the_environment()
    {
        static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        const string appInsights = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/";
        Assert.Equal(TelemetryServiceCollectionExtensions.Exporters.AzureMonitor,
            TelemetryServiceCollectionExtensions.ChooseExporters(Settings(new() { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = appInsights })));
        Assert.Equal(TelemetryServiceCollectionExtensions.Exporters.None, TelemetryServiceCollectionExtensions.ChooseExporters(Settings(new())));
        Assert.Equal(TelemetryServiceCollectionExtensions.Exporters.Otlp | TelemetryServiceCollectionExtensions.Exporters.Console,
            TelemetryServiceCollectionExtensions.ChooseExporters(Settings(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317", ["Telemetry:Console"] = "true" })));

        // The Azure Monitor pipeline builds with the connection string the Function App gets.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHubTelemetry(Settings(new() { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = appInsights }), "test");
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<TracerProvider>());
        Assert.NotNull(provider.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>());
    }
}

/// <summary>The Function App's logs reach an exporter it configures itself: the Functions host drops the worker's log
/// lines that carry no invocation id, and every line written outside an invocation.</summary>
[Collection(AzuriteCollection.Name)]
public class FunctionAppLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Log_records_inside_an_invocation_and_an_outage_warning_outside_one_reach_the_OTLP_exporter()
    {
        using var collector = new OtlpCollector();
        await using var storage = new PrivateAzurite();
        await storage.StartAsync();
        var app = await FunctionAppHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, storageConnection: storage.ConnectionString);
        await using (app)
        {
            // Inside an invocation, with the scope the worker middleware gives it.
            var logger = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("test");
            using (Hub.Functions.Telemetry.InvocationLogScope.Begin(logger, "invocation-4711", "SyncAgenciesTimer"))
                await app.TickSyncTimerAsync(SyncSources.All[0]);

            // Outside any invocation: the storage watch, when storage goes away.
            await storage.StopAsync();
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!app.Logs.GetSnapshot().Any(r => r.Message.StartsWith("Storage is not reachable")) && DateTime.UtcNow < until) await Task.Delay(200);
        } // stopping the host flushes the exporters

        var exported = collector.Received("/v1/logs");
        Assert.Contains("Sync timer of portal-agencies ticked", exported);
        Assert.Contains("AzureFunctions_InvocationId", exported);
        Assert.Contains("invocation-4711", exported);
        Assert.Contains("Storage is not reachable", exported);
    }

    [Fact]
    public void The_invocation_scope_is_what_the_workers_gRPC_log_writer_reads_from_any_logger_of_the_factory()
    {
        // The writer walks the factory's external scope provider for the key AzureFunctions_InvocationId.
        var provider = new ScopeReadingProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        using (Hub.Functions.Telemetry.InvocationLogScope.Begin(factory.CreateLogger("Hub.Functions.Invocation"), "abc-123", "SyncWork"))
            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(factory.CreateLogger("Hub.Workflows.Sync.SyncRunner"), "a line");
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(factory.CreateLogger("Hub.Storage.StorageWatch"), "outside");
        Assert.Equal(["abc-123", null], provider.InvocationIds);
    }

    private sealed class ScopeReadingProvider : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ISupportExternalScope
    {
        private Microsoft.Extensions.Logging.IExternalScopeProvider _scopes = new Microsoft.Extensions.Logging.LoggerExternalScopeProvider();
        public List<string?> InvocationIds { get; } = [];
        public void SetScopeProvider(Microsoft.Extensions.Logging.IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Reader(this);
        public void Dispose() { }

        private sealed class Reader(ScopeReadingProvider owner) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? id = null;
                owner._scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                        foreach (var p in pairs) if (p.Key == Hub.Functions.Telemetry.InvocationLogScope.InvocationIdKey) id = p.Value?.ToString();
                }, (object?)null);
                owner.InvocationIds.Add(id);
            }
        }
    }
}

/// <summary>An OTLP/HTTP endpoint on loopback that keeps what it receives (protobuf carries strings as UTF-8, so a
/// log line's text can be found in the bytes).</summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private readonly Task _loop;

    public OtlpCollector()
    {
        var port = HubProcess.FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });
    }

    public string Endpoint { get; }

    public string Received(string path) =>
        string.Concat(_received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
