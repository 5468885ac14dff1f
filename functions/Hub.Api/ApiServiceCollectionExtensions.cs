using Hub.Api.Auth;
using Hub.Api.Handlers;
using Hub.Api.Routes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The administrators' API on top of the hub's services (AddHub): handlers, authentication, router.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section))
            .Configure(o => o.PlatformAuthenticationEnabled = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "True", StringComparison.OrdinalIgnoreCase));
        services.AddSingleton<AdminApi>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<ReportsApi>();
        services.AddSingleton<SteeringApi>();
        services.AddSingleton<IngestApi>();
        services.AddSingleton<ScopesApi>();
        services.AddSingleton<NotificationsApi>();
        services.AddSingleton<Hub.Api.Console.ConsolePages>();
        services.AddSingleton<ScopeGuard>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<ApiRouter>();
        return services;
    }
}
