using Hub.Sources.Portal;
using Hub.Sources.Registries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Hub.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Typed source clients, each with the resilience pipeline: overall and per-attempt timeouts, retries with
    /// exponential back-off and jitter that honour 429 Retry-After, and a circuit breaker.</summary>
    public static IServiceCollection AddHubSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new PersonalDataHasher(configuration["PersonalData:HashKey"] ?? ""));
        services.AddSingleton<PortalMapper>();
        services.AddSingleton<RegistryMapper>();
        services.AddSingleton(sp => new PersonalDataRedactor(sp.GetRequiredService<PersonalDataHasher>(),
            PortalMapper.PersonalFields.Concat(RegistryMapper.PersonalFields).ToHashSet(StringComparer.Ordinal)));

        AddFeed<PortalClient, PortalOptions>(services, configuration, PortalOptions.Section);
        AddFeed<Portal.Evaluation.PortalEvaluationClient, PortalOptions>(services, configuration, PortalOptions.Section);
        AddFeed<Portal.National.PortalNationalClient, PortalOptions>(services, configuration, PortalOptions.Section);
        AddFeed<PopulationClient, PopulationOptions>(services, configuration, PopulationOptions.Section);
        AddFeed<BusinessClient, BusinessOptions>(services, configuration, BusinessOptions.Section);
        return services;
    }

    private static void AddFeed<TClient, TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TClient : class where TOptions : FeedOptions
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section));
        services.AddHttpClient<TClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<TOptions>>().Value.BaseUrl;
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline owns timeouts
            })
            .AddResilienceHandler(section, (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromTicks(o.AttemptTimeout.Ticks * (o.MaxRetries + 2)));
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryDelay,
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.9,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
                pipeline.AddTimeout(o.AttemptTimeout);
            });
    }
}
