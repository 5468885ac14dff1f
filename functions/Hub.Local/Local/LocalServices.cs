using Hub.Api;
using Hub.Workflows;
using Microsoft.Extensions.Configuration;

namespace Hub.Local.Local;

/// <summary>The hub's services wired for a local run: the same AddHub as the Function App, configured from
/// environment variables (HubStorage, ...) overlaid with what the local run decides (simulator addresses, keys).</summary>
public static class LocalServices
{
    /// <summary>Development-only hashing key. Azure reads PersonalData__HashKey from Key Vault.</summary>
    public const string DevelopmentHashKey = "ZGV2ZWxvcG1lbnQtb25seS1oYXNoLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24hIQ==";

    public static ServiceProvider Build(IDictionary<string, string?> overrides, LogLevel logLevel = LogLevel.Warning, ILoggerProvider? extraLogger = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HubStorage"] = "UseDevelopmentStorage=true",
                ["PersonalData:HashKey"] = DevelopmentHashKey,
            })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            // `hub` never sits behind App Service authentication: a client principal header is never believed here.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "False" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(logLevel);
            b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            if (extraLogger is not null) b.AddProvider(extraLogger);
        });
        services.AddHub(configuration).AddAdminApi(configuration);
        // The hub keeps the Azure SDK's own warnings (AzureClientRegistration); a caller that asked for less (a
        // benchmark) gets less from the SDK too: a later rule for the same category wins.
        if (logLevel > LogLevel.Warning)
            services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "Azure.Core", logLevel, null)));
        services.AddSingleton<LocalQueueDrainer>();
        var provider = services.BuildServiceProvider();
        // No generic host here to start OpenTelemetry's providers: resolving them starts them (and disposing the
        // service provider flushes them).
        provider.GetService<OpenTelemetry.Trace.TracerProvider>();
        provider.GetService<OpenTelemetry.Metrics.MeterProvider>();
        return provider;
    }
}
