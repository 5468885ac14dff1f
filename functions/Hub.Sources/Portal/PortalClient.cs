namespace Hub.Sources.Portal;

/// <summary>Typed client of the National Public Service Portal's sync API: agencies, procedures, dossiers,
/// satisfaction ratings and feedback (PAKN).</summary>
public sealed class PortalClient(HttpClient http, IOptions<PortalOptions> options, ILogger<PortalClient> logger)
    : FeedClient(http, options.Value, logger)
{
    public const string Name = "portal";
    protected override string SourceName => Name;
    protected override string ApiKeySetting => PortalOptions.Section + ":ApiKey";

    public Task<RawPage> GetAgenciesAsync(string? cursor, CancellationToken ct) => GetPageAsync("api/v1/coquan", null, cursor, ct);
    public Task<RawPage> GetProceduresAsync(string? unitCode, string? cursor, CancellationToken ct) => GetPageAsync("api/v1/tthc", unitCode, cursor, ct);
    public Task<RawPage> GetDossiersAsync(string? unitCode, string? cursor, CancellationToken ct) => GetPageAsync("api/v1/hoso/dongbo", unitCode, cursor, ct);
    public Task<RawPage> GetRatingsAsync(string? unitCode, string? cursor, CancellationToken ct) => GetPageAsync("api/v1/danhgia", unitCode, cursor, ct);
    public Task<RawPage> GetFeedbackAsync(string? unitCode, string? cursor, CancellationToken ct) => GetPageAsync("api/v1/pakn", unitCode, cursor, ct);
}
