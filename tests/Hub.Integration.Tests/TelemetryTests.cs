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
