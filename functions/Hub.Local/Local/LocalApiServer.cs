using System.Net;
using Hub.Api.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Hub.Local.Local;

/// <summary>`hub serve`: the administrators' API on loopback: the route table the Function App's triggers run
/// (AdminRoutes), backed by the local Durable Task engine.</summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalApiServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<LocalApiServer> StartAsync(IServiceProvider services, DurableTaskClient client, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Hub.Simulators.Hosting.ManualLifetime>();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.Limits.MaxRequestBodySize = 1024 * 1024; // the router refuses bodies over 16 KB itself, with a problem+json
        });
        var app = builder.Build();
        app.MapAdminApi(services, client);

        await app.StartAsync();
        var address = app.Urls.First();
        return new LocalApiServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
