namespace Hub.Sources.Common;

/// <summary>Connection settings every paged source has.</summary>
public abstract class FeedOptions
{
    /// <summary>Base address of the source's API.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>API key issued to the ministry (sent as X-Api-Key); from Key Vault in Azure.</summary>
    public string ApiKey { get; set; } = "";

    public int PageSize { get; set; } = 1000;

    /// <summary>Per-attempt timeout; the resilience pipeline retries on top of it.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 5;

    /// <summary>Base delay between retries (exponential with jitter; a 429's Retry-After wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
