using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Identity;
using Hub.Api.Routes;
using Hub.Workflows.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Hub.Infra.Tests;

/// <summary>What only a read of the compiled Azure configuration shows: which routes App Service authentication leaves
/// open, how telemetry authenticates, and that azd and the parameter files deploy the same environment.</summary>
public class AzureConfigurationTests
{
    private static JsonElement Resource(string type, Func<JsonElement, bool>? where = null) =>
        Bicep.Resources(Bicep.MainTemplate).Single(r => r.GetProperty("type").GetString() == type && (where?.Invoke(r) ?? true));

    private static Dictionary<string, string> AppSettings() =>
        Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!, StringComparer.Ordinal);

    /// <summary>App Service authentication's rule: an excluded path matches exactly, or everything under it when it ends in "/*".</summary>
    private static bool Excluded(IReadOnlyList<string> excludedPaths, string path) =>
        excludedPaths.Any(e => e.EndsWith("/*", StringComparison.Ordinal) ? path.StartsWith(e[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(e, path, StringComparison.OrdinalIgnoreCase));

    /// <summary>A request path a caller would send for a route: its parameters filled in.</summary>
    private static string Sample(ApiRoute route) =>
        "/api/" + route.Template.Replace("{period}", "2026-Q3").Replace("{version}", "v3").Replace("{*file}", "units/TCT-HN.html").Replace("{feed}", "dossiers");

    [Fact]
    public void Every_anonymous_and_sender_route_of_the_route_table_is_excluded_from_App_Service_authentication_and_no_other()
    {
        var auth = Resource("Microsoft.Web/sites/config", r => r.GetProperty("name").GetString()!.Contains("authsettingsV2"));
        var excluded = auth.GetProperty("properties").GetProperty("globalValidation").GetProperty("excludedPaths").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(AdminRoutes.All, r => r.Template.Contains("{*file}")); // the report files, under a wildcard
        foreach (var route in AdminRoutes.All)
        {
            var path = Sample(route);
            // Sending systems authenticate with the function key and their sender key, not with a signed-in user.
            if (route.Access is Access.Anonymous or Access.Sender) Assert.True(Excluded(excluded, path), $"{route.Name} ({path}) is {route.Access} in the route table but App Service authentication would answer 401");
            else Assert.False(Excluded(excluded, path), $"{route.Name} ({path}) needs an administrator but App Service authentication leaves it open");
        }
        Assert.True(Excluded(excluded, "/api/reports/2026-Q3/v1/index.html"));
        Assert.False(Excluded(excluded, "/api/reportsx"));
    }

    [Fact]
    public void The_Azure_Monitor_exporters_authenticate_with_the_apps_managed_identity()
    {
        var settings = AppSettings();
        Assert.Contains("appInsightsConnectionString", settings[AzureMonitorSettings.ConnectionStringSetting]);
        var authentication = settings[AzureMonitorSettings.AuthenticationStringSetting];
        Assert.Contains("Authorization=AAD", authentication);
        Assert.Contains("parameters('identityClientId')", authentication);
        // The component refuses keys, so the credential is what its telemetry travels with.
        var appInsights = Resource("Microsoft.Insights/components");
        Assert.True(appInsights.GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());

        // The setting, as App Service resolves it, becomes the exporters' credential.
        var resolved = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AzureMonitorSettings.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://southeastasia-1.in.applicationinsights.azure.com/",
            [AzureMonitorSettings.AuthenticationStringSetting] = authentication.Replace("[format('", "").Replace("', parameters('identityClientId'))]", "").Replace("{0}", Bicep.TestClientId),
        }).Build();
        var monitor = AzureMonitorSettings.From(resolved);
        Assert.IsType<ManagedIdentityCredential>(monitor.Credential);
        var options = new Azure.Monitor.OpenTelemetry.Exporter.AzureMonitorExporterOptions();
        monitor.Configure(options);
        Assert.Same(monitor.Credential, options.Credential);
        Assert.Equal(resolved[AzureMonitorSettings.ConnectionStringSetting], options.ConnectionString);

        Assert.Null(AzureMonitorSettings.CredentialFor(null));
        Assert.IsType<ManagedIdentityCredential>(AzureMonitorSettings.CredentialFor("Authorization=AAD"));
        Assert.Throws<InvalidOperationException>(() => AzureMonitorSettings.CredentialFor("ClientId=abc"));
    }

    [Fact]
    public void Bicep_creates_every_table_container_and_queue_the_app_would_otherwise_create_at_start()
    {
        var storage = File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "modules", "storage.bicep"));
        string[] List(string name) => Regex.Match(storage, $@"^var {name} = \[(?<items>[^\]]*)\]", RegexOptions.Multiline).Groups["items"].Value
            .Split(',').Select(i => i.Trim().Trim('\'')).Where(i => i.Length > 0 && i != "deploymentContainerName").ToArray();
        Assert.Equal(Hub.Storage.StorageNames.Tables.Order(), List("tables").Order());
        Assert.Equal(Hub.Storage.StorageNames.Queues.Order(), List("queues").Order());
        Assert.Equal(Hub.Storage.StorageNames.Containers.Order(), List("containers").Order());
    }

    private static readonly string[] PerEnvironment = ["instanceMemoryMB", "maximumInstanceCount", "requireApproval", "logRetentionDays", "keyVaultPurgeProtection"];

    [Fact]
    public void Azd_and_the_parameter_files_deploy_the_same_environment_from_main_bicep_defaults()
    {
        var template = Bicep.MainTemplate.GetProperty("parameters");
        using var azd = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
        foreach (var name in PerEnvironment)
        {
            // One default, in main.bicep, chosen by environmentType...
            var defaultValue = template.GetProperty(name).GetProperty("defaultValue").GetString()!;
            Assert.Contains("parameters('environmentType')", defaultValue);
            // ...which azd uses when its environment does not set the value (an env var with no "=default")...
            var value = azd.RootElement.GetProperty("parameters").GetProperty(name).GetProperty("value").GetString()!;
            Assert.Matches(@"^\$\{[A-Z_]+\}$", value);
            // ...and the parameter files do not override.
            foreach (var file in new[] { "dev.bicepparam", "prod.bicepparam" })
                Assert.Null(CompiledParameter(file, name));
        }
        Assert.Equal("dev", CompiledParameter("dev.bicepparam", "environmentType"));
        Assert.Equal("prod", CompiledParameter("prod.bicepparam", "environmentType"));
        // The prod profile itself.
        Assert.Equal("[if(equals(parameters('environmentType'), 'prod'), 100, 10)]", template.GetProperty("maximumInstanceCount").GetProperty("defaultValue").GetString());
        Assert.Equal("[if(equals(parameters('environmentType'), 'prod'), 365, 30)]", template.GetProperty("logRetentionDays").GetProperty("defaultValue").GetString());
        Assert.Equal("[if(equals(parameters('environmentType'), 'prod'), 4096, 2048)]", template.GetProperty("instanceMemoryMB").GetProperty("defaultValue").GetString());
        Assert.Equal("[equals(parameters('environmentType'), 'prod')]", template.GetProperty("requireApproval").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Without_an_app_registration_id_the_parameter_files_do_not_compile_and_azd_asks_for_one()
    {
        var (code, _, errors) = Bicep.RunWith(new Dictionary<string, string?> { ["AUTH_CLIENT_ID"] = null }, "build-params", "dev.bicepparam", "--stdout");
        Assert.NotEqual(0, code);
        Assert.Contains("AUTH_CLIENT_ID", errors);
        var authClientId = Bicep.MainTemplate.GetProperty("parameters").GetProperty("authClientId");
        Assert.False(authClientId.TryGetProperty("defaultValue", out _)); // azd prompts for a parameter without one
        Assert.Equal(36, authClientId.GetProperty("minLength").GetInt32());
        using var azd = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
        Assert.Equal("${AUTH_CLIENT_ID}", azd.RootElement.GetProperty("parameters").GetProperty("authClientId").GetProperty("value").GetString());
        Assert.DoesNotMatch(new Regex("0{8}-0{4}"), File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "dev.bicepparam")) + File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "prod.bicepparam")));
    }

    private static string? CompiledParameter(string file, string name)
    {
        var (code, output, errors) = Bicep.Run("build-params", file, "--stdout");
        Assert.True(code == 0, $"bicep build-params {file}: {errors}");
        using var wrapper = JsonDocument.Parse(output);
        using var parameters = JsonDocument.Parse(wrapper.RootElement.GetProperty("parametersJson").GetString()!);
        return parameters.RootElement.GetProperty("parameters").TryGetProperty(name, out var p) ? p.GetProperty("value").ToString() : null;
    }
}
