using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hub.Workflows.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>OpenTelemetry for the hub's logs, traces and metrics (and outgoing HTTP to the sources), exported where
    /// the environment says: Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set (the Function App), OTLP
    /// when OTEL_EXPORTER_OTLP_ENDPOINT is set, the console when Telemetry:Console is true; nowhere otherwise.</summary>
    [Flags]
    public enum Exporters { None = 0, AzureMonitor = 1, Otlp = 2, Console = 4 }

    /// <summary>Where telemetry goes, from the environment alone.</summary>
    public static Exporters ChooseExporters(IConfiguration configuration) =>
        (string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]) ? Exporters.None : Exporters.AzureMonitor)
        | (string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? Exporters.None : Exporters.Otlp)
        | (string.Equals(configuration["Telemetry:Console"], "true", StringComparison.OrdinalIgnoreCase) ? Exporters.Console : Exporters.None);

    /// <remarks>Logs are exported here, by the worker, and not left to the Functions host: with the worker's
    /// OpenTelemetry defaults the host stops sending the worker's logs to Application Insights, and it drops every log
    /// written outside an invocation (the storage watch's outage warnings, say) in any case.</remarks>
    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var exporters = ChooseExporters(configuration);
        var azureMonitor = exporters.HasFlag(Exporters.AzureMonitor) ? AzureMonitorSettings.From(configuration) : null;
        var otlp = exporters.HasFlag(Exporters.Otlp);
        var console = exporters.HasFlag(Exporters.Console);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithLogging(l =>
            {
                if (azureMonitor is not null) l.AddAzureMonitorLogExporter(azureMonitor.Configure);
                if (otlp) l.AddOtlpExporter();
                if (console) l.AddConsoleExporter();
            }, o =>
            {
                // What an operator searches by: the formatted line and the scope values (sync source, scope, run id).
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            })
            .WithTracing(t =>
            {
                t.AddSource(HubTelemetry.Name).AddHttpClientInstrumentation();
                if (azureMonitor is not null) t.AddAzureMonitorTraceExporter(azureMonitor.Configure);
                if (otlp) t.AddOtlpExporter();
                if (console) t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(HubTelemetry.Name);
                if (azureMonitor is not null) m.AddAzureMonitorMetricExporter(azureMonitor.Configure);
                if (otlp) m.AddOtlpExporter();
                if (console) m.AddConsoleExporter();
            });
        return services;
    }
}
