using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hub.Workflows.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>OpenTelemetry for the hub's traces and metrics (and outgoing HTTP to the sources), exported where the
    /// environment says: Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set (the Function App), OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set, the console when Telemetry:Console is true; nowhere otherwise.</summary>
    [Flags]
    public enum Exporters { None = 0, AzureMonitor = 1, Otlp = 2, Console = 4 }

    /// <summary>Where telemetry goes, from the environment alone.</summary>
    public static Exporters ChooseExporters(IConfiguration configuration) =>
        (string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]) ? Exporters.None : Exporters.AzureMonitor)
        | (string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? Exporters.None : Exporters.Otlp)
        | (string.Equals(configuration["Telemetry:Console"], "true", StringComparison.OrdinalIgnoreCase) ? Exporters.Console : Exporters.None);

    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var exporters = ChooseExporters(configuration);
        var appInsights = exporters.HasFlag(Exporters.AzureMonitor) ? configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] : null;
        var otlp = exporters.HasFlag(Exporters.Otlp) ? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] : null;
        var console = exporters.HasFlag(Exporters.Console);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddSource(HubTelemetry.Name).AddHttpClientInstrumentation();
                if (!string.IsNullOrEmpty(appInsights)) t.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) t.AddOtlpExporter();
                if (console) t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(HubTelemetry.Name);
                if (!string.IsNullOrEmpty(appInsights)) m.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                if (!string.IsNullOrEmpty(otlp)) m.AddOtlpExporter();
                if (console) m.AddConsoleExporter();
            });
        return services;
    }
}
