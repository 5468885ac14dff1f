using Hub.Api;
using Microsoft.AspNetCore.Http;
using Hub.Workflows;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Hub.Integration.Tests;

/// <summary>The Function App's composition as Program.cs builds it, with the settings of local.settings.sample.json
/// (pointed at Azurite and the simulator), started as the worker starts it (hosted services included: the storage
/// watch creates what a fresh storage namespace lacks), on a storage namespace nobody has used. Its function classes
/// are created from its services and invoked directly, as the Functions quickstarts test theirs.</summary>
public sealed class FunctionAppHost(IHost host, PortalSimulator portal) : IAsyncDisposable
{
    public const string DevKey = "function-app-test-key";

    public IServiceProvider Services => host.Services;
    public FakeLogCollector Logs => Services.GetFakeLogCollector();
    public StorageClients Storage => Services.GetRequiredService<StorageClients>();
    public PortalSimulator Portal => portal;
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <param name="settings">Settings over the sample's (keys with ':').</param>
    /// <param name="storageConnection">Another storage account than the shared Azurite (one a test can stop).</param>
    /// <param name="services">Registrations a test adds after Program.cs's (a fake clock, say).</param>
    public static async Task<FunctionAppHost> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, string? storageConnection = null,
        Action<IServiceCollection>? services = null)
    {
        var portal = await PortalSimulator.StartAsync(PortalDataSet.Generate(TestHub.SmallScale()), TestHub.ApiKey);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "local.settings.sample.json")));
        var values = doc.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":"), p => (string?)p.Value.GetString());
        values["HubStorage"] = storageConnection ?? azurite.ConnectionString;
        values["AzureWebJobsStorage"] = storageConnection ?? azurite.ConnectionString;
        values["StorageNamespace"] = AzuriteFixture.NewNamespace();
        values["Admin:DevelopmentKey"] = DevKey;
        foreach (var (k, v) in SimulatorSettings.For(portal)) values[k] = v;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;

        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders().AddFakeLogging();
            services?.Invoke(builder.Services);
            // What Program.cs adds to the Functions builder (the worker's own plumbing needs the host's gRPC channel).
            builder.Services.AddHub(builder.Configuration).AddAdminApi(builder.Configuration);
            builder.Services.AddHostedService<Hub.Functions.StorageWatchService>();
            var host = builder.Build();
            await host.StartAsync();
            return new FunctionAppHost(host, portal);
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs every message on the sync queue through the queue function, as the host would, until it is empty.</summary>
    public async Task<int> DrainSyncQueueAsync()
    {
        var queue = Storage.Queue(StorageNames.SyncWorkQueue);
        var function = Create<Hub.Functions.Sync.SyncWorkFunction>();
        var handled = 0;
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0) return handled;
            foreach (var m in messages)
            {
                await function.Run(m.Body.ToString(), CancellationToken.None);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                handled++;
            }
        }
    }

    /// <summary>An HTTP request as the host hands it to an HTTP trigger; the development key unless told otherwise.</summary>
    public DefaultHttpContext Request(string method, string path, string? body = null, string? key = DevKey)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (key is not null) context.Request.Headers[Hub.Api.Auth.CallerAuthenticator.DevelopmentKeyHeader] = key;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static JsonElement Body(DefaultHttpContext context) =>
        JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement.Clone();

    /// <summary>Fires the timer of a sync source as the host does (late, so it also says so), by its schedule setting.</summary>
    public Task TickSyncTimerAsync(SyncSourceRegistration source)
    {
        var timers = Create<Hub.Functions.Sync.SyncTimers>();
        var method = typeof(Hub.Functions.Sync.SyncTimers).GetMethods()
            .Single(m => m.GetParameters().FirstOrDefault()?.GetCustomAttribute<TimerTriggerAttribute>()?.Schedule == $"%{source.ScheduleSetting}%");
        var late = new TimerInfo { IsPastDue = true, ScheduleStatus = new ScheduleStatus { Last = DateTime.UtcNow.AddHours(-2), Next = DateTime.UtcNow.AddMinutes(10) } };
        return (Task)method.Invoke(timers, [late, CancellationToken.None])!;
    }

    /// <summary>Every sync timer in the order of SyncSources, each one's work run before the next fires.</summary>
    public async Task SyncInOrderAsync()
    {
        foreach (var source in SyncSources.All)
        {
            await TickSyncTimerAsync(source);
            await DrainSyncQueueAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10))) await host.StopAsync(stop.Token);
        host.Dispose();
        await portal.DisposeAsync();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hub.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
