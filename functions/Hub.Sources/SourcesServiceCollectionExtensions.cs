using Hub.Sources.Common;
using Hub.Sources.Portal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Hub.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Typed source clients with the standard resilience pipeline: per-attempt timeout, retries with
    /// exponential back-off and jitter that honour 429 Retry-After, and a circuit breaker.</summary>
    public static IServiceCollection AddHubSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section));
        services.AddSingleton(sp => new PersonalDataHasher(configuration["PersonalData:HashKey"] ?? ""));
        services.AddSingleton<PortalMapper>();
        services.AddSingleton(sp => new PersonalDataRedactor(sp.GetRequiredService<PersonalDataHasher>(), PortalMapper.PersonalFields));

        services.AddHttpClient<PortalClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<PortalOptions>>().Value;
                http.BaseAddress = o.BaseUrl;
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline owns timeouts
            })
            .AddResilienceHandler("portal", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value;
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
        return services;
    }
}
