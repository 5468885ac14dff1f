namespace Hub.Sources.Registries;

/// <summary>The population database's sharing log (look-ups made by the ministry's units).</summary>
public sealed class PopulationClient(HttpClient http, IOptions<PopulationOptions> options, ILogger<PopulationClient> logger)
    : FeedClient(http, options.Value, logger)
{
    protected override string SourceName => "population";
    protected override string ApiKeySetting => PopulationOptions.Section + ":ApiKey";

    public Task<RawPage> GetSharingLogAsync(string? unitCode, string? cursor, CancellationToken ct) => GetPageAsync("api/v1/dancu/nhatky", unitCode, cursor, ct);
}

/// <summary>The business registration database's sharing log, with each enterprise's status.</summary>
public sealed class BusinessClient(HttpClient http, IOptions<BusinessOptions> options, ILogger<BusinessClient> logger)
    : FeedClient(http, options.Value, logger)
{
    protected override string SourceName => "business";
    protected override string ApiKeySetting => BusinessOptions.Section + ":ApiKey";

    public Task<RawPage> GetSharingLogAsync(string? unitCode, string? cursor, CancellationToken ct) => GetPageAsync("api/v1/doanhnghiep/nhatky", unitCode, cursor, ct);
}
