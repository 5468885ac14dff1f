using System.Text.Json;
using Hub.Workflows;
using Microsoft.Extensions.Configuration;

namespace Hub.Infra.Tests;

/// <summary>What a first `azd up` needs, and App Service authentication, checked on the compiled template.</summary>
public class AzdReadinessTests
{
    private static IEnumerable<JsonElement> OfType(string type) => Bicep.Resources(Bicep.MainTemplate).Where(r => r.GetProperty("type").GetString() == type);

    [Fact]
    public void App_Service_authentication_requires_Entra_sign_in_and_leaves_health_and_reports_anonymous()
    {
        var auth = Assert.Single(OfType("Microsoft.Web/sites/config"), r => r.GetProperty("name").GetString()!.Contains("authsettingsV2"));
        var p = auth.GetProperty("properties");
        Assert.True(p.GetProperty("platform").GetProperty("enabled").GetBoolean());
        var validation = p.GetProperty("globalValidation");
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("Return401", validation.GetProperty("unauthenticatedClientAction").GetString());
        var excluded = validation.GetProperty("excludedPaths").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("/api/health", excluded);
        Assert.Contains("/api/reports", excluded);
        Assert.DoesNotContain(excluded, e => e!.StartsWith("/api/scoring") || e.StartsWith("/api/publications"));
        var aad = p.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        Assert.True(aad.GetProperty("enabled").GetBoolean());
        Assert.Contains("authClientId", aad.GetProperty("registration").GetProperty("clientId").GetString());
        Assert.Contains("authTenantId", aad.GetProperty("registration").GetProperty("openIdIssuer").GetString());
        Assert.True(Bicep.MainTemplate.GetProperty("parameters").TryGetProperty("authClientId", out _));
    }

    [Fact]
    public void Azd_environment_values_reach_what_differs_per_environment()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
        var parameters = doc.RootElement.GetProperty("parameters");
        foreach (var name in new[] { "instanceMemoryMB", "maximumInstanceCount", "requireApproval", "logRetentionDays", "keyVaultPurgeProtection", "environmentType", "authClientId" })
        {
            Assert.True(parameters.TryGetProperty(name, out var p), $"main.parameters.json does not expose {name}");
            Assert.StartsWith("${", p.GetProperty("value").GetString());
            Assert.True(Bicep.MainTemplate.GetProperty("parameters").TryGetProperty(name, out _), $"main.bicep has no parameter {name}");
        }
    }

    [Fact]
    public void Location_is_limited_to_Flex_Consumption_regions_and_azd_asks_for_it()
    {
        var location = Bicep.MainTemplate.GetProperty("parameters").GetProperty("location");
        var allowed = location.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("southeastasia", allowed);
        Assert.DoesNotContain("vietnamcentral", allowed);
        Assert.Equal("location", location.GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());
    }

    [Fact]
    public void Key_Vault_purge_protection_is_a_parameter_on_in_prod_off_in_dev()
    {
        var vault = Assert.Single(OfType("Microsoft.KeyVault/vaults"), r => r.TryGetProperty("location", out _));
        Assert.Contains("purgeProtection", vault.GetProperty("properties").GetProperty("enablePurgeProtection").GetString());
        Assert.Equal("[equals(parameters('environmentType'), 'prod')]", Bicep.MainTemplate.GetProperty("parameters").GetProperty("keyVaultPurgeProtection").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Durable_functions_get_an_always_ready_instance_in_prod_and_poll_queues_within_10_s()
    {
        var app = Assert.Single(OfType("Microsoft.Web/sites"));
        var scale = app.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency").GetProperty("alwaysReady").GetString()!;
        Assert.Contains("durable", scale);
        Assert.Contains("alwaysReadyDurable", scale);
        Assert.Contains("equals(parameters('environmentType'), 'prod')", Bicep.MainTemplateText.Replace("\\u0027", "'"));
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.RepositoryRoot, "functions", "Hub.Functions", "host.json")));
        var polling = TimeSpan.Parse(host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString()!);
        Assert.True(polling <= TimeSpan.FromSeconds(10));
        Assert.True(TimeSpan.Parse(host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxPollingInterval").GetString()!) <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Key_Vault_storage_and_Service_Bus_send_diagnostics_to_Log_Analytics_and_prod_locks_them()
    {
        var diagnostics = OfType("Microsoft.Insights/diagnosticSettings").ToList();
        var scopes = string.Join("\n", diagnostics.Select(d => d.GetProperty("scope").GetString()));
        Assert.Contains("Microsoft.KeyVault/vaults", scopes);
        Assert.Contains("Microsoft.Storage/storageAccounts", scopes);
        Assert.Contains("Microsoft.ServiceBus/namespaces", scopes);
        Assert.All(diagnostics, d => Assert.Contains("workspaceId", d.GetProperty("properties").GetProperty("workspaceId").GetString()));
        var locks = OfType("Microsoft.Authorization/locks").ToList();
        Assert.Equal(3, locks.Count);
        Assert.All(locks, l => Assert.Equal("CanNotDelete", l.GetProperty("properties").GetProperty("level").GetString()));
        var lockModule = Bicep.Resources(Bicep.MainTemplate).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "locks");
        Assert.Contains("prod", lockModule.GetProperty("condition").GetString());
    }

    [Fact]
    public void The_app_refuses_to_start_on_a_literal_Key_Vault_reference_naming_the_setting_but_for_a_sources_key()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalData:HashKey"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=personal-data-hash-key)",
            ["Sources:Portal:ApiKey"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=portal-api-key)",
            ["Sources:Portal:BaseUrl"] = "https://dichvucong.gov.vn/",
        }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => ConfigurationGuard.ThrowOnUnresolvedKeyVaultReferences(settings));
        Assert.Contains("PersonalData__HashKey", e.Message);
        Assert.DoesNotContain("BaseUrl", e.Message);
        // A source key stops only its source (DayOneTests): the app starts and syncs the others.
        Assert.DoesNotContain("Sources__Portal__ApiKey", e.Message);
        ConfigurationGuard.ThrowOnUnresolvedKeyVaultReferences(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["Sources:Portal:ApiKey"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=portal-api-key)", ["PersonalData:HashKey"] = "resolved" }).Build());
    }
}
