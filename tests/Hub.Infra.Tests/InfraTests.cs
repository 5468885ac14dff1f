using System.Reflection;
using System.Text.Json;
using Hub.Sources.Portal;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;

namespace Hub.Infra.Tests;

public class InfraTests
{
    public static TheoryData<string> BicepFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Bicep.InfraDirectory, "*.bicep*", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(Bicep.InfraDirectory, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Every_bicep_file_lints_without_errors_or_warnings(string file)
    {
        var (code, output, errors) = Bicep.Run("lint", file);
        Assert.True(code == 0 && output.Trim().Length == 0 && errors.Trim().Length == 0, $"bicep lint {file} (exit {code}):\n{output}{errors}");
    }

    [Theory]
    [InlineData("dev.bicepparam")]
    [InlineData("prod.bicepparam")]
    public void Parameter_files_compile(string file)
    {
        var (code, output, errors) = Bicep.Run("build-params", file, "--stdout");
        Assert.True(code == 0, $"bicep build-params {file}: {errors}");
        Assert.DoesNotContain("warning", errors, StringComparison.OrdinalIgnoreCase);
        using var wrapper = JsonDocument.Parse(output);
        using var parameters = JsonDocument.Parse(wrapper.RootElement.GetProperty("parametersJson").GetString()!);
        Assert.True(parameters.RootElement.GetProperty("parameters").TryGetProperty("environmentName", out _));
    }

    /// <summary>Every setting the code reads: the options classes (by reflection) plus the named connections and schedules.</summary>
    private static IEnumerable<string> SettingsTheCodeReads()
    {
        foreach (var (type, section) in new[]
                 {
                     (typeof(PortalOptions), PortalOptions.Section), (typeof(Hub.Sources.Registries.PopulationOptions), Hub.Sources.Registries.PopulationOptions.Section),
                     (typeof(Hub.Sources.Registries.BusinessOptions), Hub.Sources.Registries.BusinessOptions.Section),
                     (typeof(SyncOptions), SyncOptions.Section), (typeof(ScoringOptions), ScoringOptions.Section),
                     (typeof(Hub.Api.Auth.AdminOptions), Hub.Api.Auth.AdminOptions.Section),
                 })
            // Development identities are local only: Azure sets none (the development key is set empty there).
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name is not (nameof(Hub.Api.Auth.AdminOptions.PlatformAuthenticationEnabled) or nameof(Hub.Api.Auth.AdminOptions.DevelopmentIdentities))))
                yield return $"{section.Replace(":", "__")}__{p.Name}";
        yield return "PersonalData__HashKey";
        yield return "StorageNamespace";
        yield return "ServiceBus__fullyQualifiedNamespace";
        yield return "ServiceBus__TopicName";
        yield return "ServiceBus__credential";
        yield return "ServiceBus__clientId";
        yield return "DurableTaskHubName";
        // Every sync source's schedule setting (SyncSources), and every %Setting% a timer trigger names, read from the
        // Function App itself.
        foreach (var source in SyncSources.All) yield return source.ScheduleSetting;
        foreach (var schedule in typeof(Hub.Functions.Sync.SyncTimers).Assembly.GetTypes().SelectMany(t => t.GetMethods()).SelectMany(m => m.GetParameters())
                     .Select(p => p.GetCustomAttribute<Microsoft.Azure.Functions.Worker.TimerTriggerAttribute>()?.Schedule).OfType<string>())
            yield return schedule.Trim('%');
        yield return "HubStorage";
        yield return "AzureWebJobsStorage";
        yield return "FUNCTIONS_WORKER_RUNTIME";
    }

    private static HashSet<string> LocalSettings()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.RepositoryRoot, "local.settings.sample.json")));
        return doc.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static JsonElement FunctionApp() =>
        Bicep.Resources(Bicep.MainTemplate).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");

    private static HashSet<string> AppSettings() =>
        FunctionApp().GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_setting_the_code_reads_is_in_the_local_sample_and_set_in_Azure()
    {
        var local = LocalSettings();
        var azure = AppSettings();
        foreach (var key in SettingsTheCodeReads())
        {
            Assert.True(local.Contains(key), $"{key} is read by the code but missing from local.settings.sample.json");
            var setInAzure = key switch
            {
                "HubStorage" or "AzureWebJobsStorage" => new[] { "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId" }.All(p => azure.Contains($"{key}__{p}")),
                "FUNCTIONS_WORKER_RUNTIME" => FunctionApp().GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString() == "dotnet-isolated",
                _ => azure.Contains(key),
            };
            Assert.True(setInAzure, $"{key} is read by the code but not set by infra/modules/functionapp.bicep");
        }
        // And one for one the other way: nothing in the sample that Azure does not set (connections map to their identity forms).
        foreach (var key in local.Where(k => k is not ("HubStorage" or "AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME")))
            Assert.True(azure.Contains(key), $"{key} is in local.settings.sample.json but not in the Function App's app settings");
    }

    [Fact]
    public void Secrets_are_Key_Vault_references_and_no_connection_string_carries_an_account_key()
    {
        var text = Bicep.MainTemplateText;
        Assert.DoesNotContain("AccountKey=", text);
        Assert.DoesNotContain("listKeys(", text);
        Assert.DoesNotContain("SharedAccessKey", text);
        var storage = Bicep.Resources(Bicep.MainTemplate).Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts" && r.TryGetProperty("sku", out _));
        Assert.False(storage.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        var settings = FunctionApp().GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);
        Assert.Contains("Microsoft.KeyVault", settings["Sources__Portal__ApiKey"]);
        Assert.Contains("Microsoft.KeyVault", settings["PersonalData__HashKey"]);
        Assert.Equal("managedidentity", settings["HubStorage__credential"]);
        var vault = Bicep.Resources(Bicep.MainTemplate).Single(r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults" && r.TryGetProperty("location", out _));
        Assert.True(vault.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Azure Service Bus Data Sender")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    public void Every_role_the_code_needs_is_assigned_to_the_app_identity(string roleId, string role)
    {
        Assert.True(Bicep.MainTemplateText.Contains(roleId, StringComparison.Ordinal), $"{role} ({roleId}) is not assigned");
        Assert.Contains(Bicep.Resources(Bicep.MainTemplate), r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments");
    }

    [Fact]
    public void Flex_Consumption_app_runs_dotnet_isolated_10_with_scale_parameters()
    {
        var config = FunctionApp().GetProperty("properties").GetProperty("functionAppConfig");
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("blobContainer", config.GetProperty("deployment").GetProperty("storage").GetProperty("type").GetString());
        Assert.Contains("instanceMemoryMB", config.GetProperty("scaleAndConcurrency").GetRawText());
        var plan = Bicep.Resources(Bicep.MainTemplate).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
    }

    [Fact]
    public void No_parameter_file_holds_a_secret()
    {
        foreach (var file in Directory.EnumerateFiles(Bicep.InfraDirectory, "*param*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch("(?i)(password|apikey|hashkey|secret|accountkey)\\s*[=:]", text);
        }
    }
}
