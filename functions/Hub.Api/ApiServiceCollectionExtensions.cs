using Hub.Api.Auth;
using Hub.Api.Handlers;
using Hub.Api.Routes;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The administrators' API on top of the hub's services (AddHub): handlers, authentication, router.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminApi>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<ReportsApi>();
        services.AddSingleton<AdminAuthenticator>();
        services.AddSingleton<ApiRouter>();
        return services;
    }
}
