using System.Collections.Concurrent;
using Hub.Domain.Periods;
using Hub.Local.Local;
using Hub.Simulators.Portal;
using Hub.Storage;
using Hub.Workflows.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Integration.Tests;

/// <summary>A hub wired exactly as `hub` wires it, on its own storage namespace in Azurite, against a portal
/// simulator on loopback; logs are captured so tests can scan them.</summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public static readonly Period Q3 = Period.OfQuarter(2026, 3);

    private TestHub(PortalSimulator portal, ServiceProvider services, CapturingLoggerProvider logs, string ns)
    {
        Portal = portal;
        Services = services;
        Logs = logs;
        Namespace = ns;
    }

    public PortalSimulator Portal { get; }
    public ServiceProvider Services { get; }
    public CapturingLoggerProvider Logs { get; }
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
        var logs = new CapturingLoggerProvider();
        var services = LocalServices.Build(overrides, LogLevel.Debug, logs);
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
    }
}

/// <summary>Keeps every formatted log message (with its scope values) in memory.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    public ConcurrentQueue<string> Messages { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new System.Text.StringBuilder();
            owner._scopes.ForEachScope((s, sb) => sb.Append(' ').Append(s is IEnumerable<KeyValuePair<string, object>> kv ? string.Join(",", kv.Select(p => $"{p.Key}={p.Value}")) : s), scope);
            owner.Messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}{scope}");
        }
    }
}
