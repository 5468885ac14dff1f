using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;

namespace Hub.Workflows.Telemetry;

/// <summary>How the Azure Monitor exporters reach Application Insights: its connection string, and the credential the
/// component demands when its local (key) authentication is off — APPLICATIONINSIGHTS_AUTHENTICATION_STRING, the form
/// App Service and the Functions host read ("Authorization=AAD;ClientId=&lt;user-assigned identity&gt;", no client id:
/// the system-assigned identity). Without a credential such a component refuses every item.</summary>
public sealed record AzureMonitorSettings(string ConnectionString, TokenCredential? Credential)
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static AzureMonitorSettings From(IConfiguration configuration) =>
        new(configuration[ConnectionStringSetting] ?? throw new InvalidOperationException($"{ConnectionStringSetting} is not set."),
            CredentialFor(configuration[AuthenticationStringSetting]));

    /// <summary>The managed identity an authentication string names; null when it asks for none; an error for a form
    /// the exporter would silently ignore (telemetry lost without a word).</summary>
    public static TokenCredential? CredentialFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString)) return null;
        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{AuthenticationStringSetting} must say Authorization=AAD (with ClientId=<identity> for a user-assigned identity); it says '{authenticationString}'.");
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    public void Configure(AzureMonitorExporterOptions options)
    {
        options.ConnectionString = ConnectionString;
        if (Credential is not null) options.Credential = Credential;
    }
}
