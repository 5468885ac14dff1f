using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace Hub.Integration.Tests;

/// <summary>A hub wired exactly as `hub` wires it, on its own storage namespace in Azurite, against a portal
/// simulator on loopback; logs are captured so tests can scan them.</summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public static readonly Period Q3 = Period.OfQuarter(2026, 3);

    private TestHub(PortalSimulator portal, ServiceProvider services, FakeLogCollector logs, string ns)
    {
        Portal = portal;
        Services = services;
        Logs = logs;
        Namespace = ns;
    }

    public PortalSimulator Portal { get; }
    public ServiceProvider Services { get; }
    /// <summary>Every log record of the hub's services (Microsoft.Extensions.Diagnostics.Testing), scopes included.</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>Each record as one line: level, category, message, exception and scope values (what a log sink keeps).</summary>
    public IEnumerable<string> LogLines => Logs.GetSnapshot().Select(r =>
        $"{r.Level} {r.Category}: {r.Message} {r.Exception} {string.Join(" ", r.Scopes.Select(s => s is IEnumerable<KeyValuePair<string, object>> kv ? string.Join(",", kv.Select(p => $"{p.Key}={p.Value}")) : s?.ToString()))}");
    public string Namespace { get; }
    public StorageClients Storage => Services.GetRequiredService<StorageClients>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static SyntheticScale SmallScale(double malformed = 0.0) => new(Seed: 42, Units: 8, DossiersPerQuarter: 300, Period: Q3, MalformedRate: malformed);

    public static async Task<TestHub> StartAsync(SyntheticScale? scale = null, IDictionary<string, string?>? settings = null, string apiKey = ApiKey)
    {
        var portal = await PortalSimulator.StartAsync(PortalDataSet.Generate(scale ?? SmallScale()), ApiKey);
        var ns = AzuriteFixture.NewNamespace();
        var overrides = SimulatorSettings.For(portal);
        foreach (var section in new[] { "Sources:Portal", "Sources:Population", "Sources:Business" })
        {
            overrides[$"{section}:ApiKey"] = apiKey;
            overrides[$"{section}:PageSize"] = "100";
            overrides[$"{section}:RetryDelay"] = "00:00:00.050";
            overrides[$"{section}:MaxRetries"] = "4";
        }
        overrides["StorageNamespace"] = ns;
        overrides["Scoring:SyncWaitLimit"] = "00:00:00";
        overrides["Scoring:SyncRecheckInterval"] = "00:00:01";
        overrides["Scoring:ActivityFirstRetry"] = "00:00:00.200";
        overrides["Scoring:BatchSize"] = "3";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) overrides[k] = v;
        var logs = new FakeLogCollector();
        var services = LocalServices.Build(overrides, LogLevel.Debug, new FakeLoggerProvider(logs));
        await services.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        return new TestHub(portal, services, logs, ns);
    }

    /// <summary>Sync every source through the real queue, units first, as the demo does.</summary>
    public async Task SyncAllAsync(params string[] sources)
    {
        await LocalSync.RunAsync(Services, CancellationToken.None, sources);
        if (sources.Length == 0) await LocalSync.CaptureEvaluationAsync(Services, Q3, CancellationToken.None); // whatever today's date
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Portal.DisposeAsync();
        await AzuriteFixture.DeleteNamespaceAsync(Namespace);
    }
}
