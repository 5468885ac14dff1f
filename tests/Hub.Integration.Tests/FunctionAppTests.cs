using Hub.Api;
using System.Reflection;
using System.Text.Json;
using Hub.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Integration.Tests;

/// <summary>The Function App's own composition, as Program.cs builds it, with the settings of
/// local.settings.sample.json: every class holding a [Function] resolves from it (a missing registration would
/// otherwise surface only in Azure), and so does every durable activity the registry declares.</summary>
[Collection(AzuriteCollection.Name)]
public class FunctionAppTests(AzuriteFixture azurite)
{
    private IServiceProvider BuildLikeProgram()
    {
        var sample = Path.Combine(RepositoryRoot(), "local.settings.sample.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(sample));
        var values = doc.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":"), p => (string?)p.Value.GetString());
        values["HubStorage"] = azurite.ConnectionString;
        values["AzureWebJobsStorage"] = azurite.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(values);
        // What Program.cs adds to the Functions builder (the worker's own plumbing needs the host's gRPC channel).
        builder.Services.AddHub(builder.Configuration).AddAdminApi();
        builder.Services.AddHostedService<Hub.Functions.StorageWatchService>();
        return builder.Build().Services;
    }

    [Fact]
    public void Every_function_class_and_every_registered_activity_resolves_from_the_Function_Apps_services()
    {
        var services = BuildLikeProgram();
        var functionClasses = typeof(Hub.Functions.Durable.Orchestrations).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null)).ToList();
        Assert.True(functionClasses.Count >= 5, string.Join(", ", functionClasses.Select(t => t.Name)));
        foreach (var type in functionClasses)
            Assert.NotNull(ActivatorUtilities.CreateInstance(services, type));
        foreach (var (name, create) in WorkflowRegistry.ActivityFactories(services))
            Assert.NotNull(create());
        Assert.Contains(services.GetServices<IHostedService>(), s => s is Hub.Functions.StorageWatchService);
    }

    [Fact]
    public void Program_cs_registers_what_this_test_mirrors()
    {
        // If Program.cs gains a registration, this test's mirror must gain it too.
        var program = File.ReadAllText(Path.Combine(RepositoryRoot(), "functions", "Hub.Functions", "Program.cs"));
        Assert.Contains("builder.Services.AddHub(builder.Configuration).AddAdminApi();", program);
        Assert.Contains("builder.Services.AddHostedService<Hub.Functions.StorageWatchService>();", program);
        Assert.Equal(3, program.Split("builder.Services.").Length - 1); // AddHub, AddOpenTelemetry().UseFunctionsWorkerDefaults, AddHostedService
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hub.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
