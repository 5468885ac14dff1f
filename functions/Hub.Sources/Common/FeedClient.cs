namespace Hub.Sources.Common;

/// <summary>Paged JSON feeds in the envelope the national systems use ({error_code, message, data, con_tiep, sau}),
/// read by a keyset cursor (?sau=) so paging stays stable while the source keeps changing. Turns every failure into
/// a SourceException with a message an operator can act on.</summary>
public abstract class FeedClient(HttpClient http, FeedOptions options, ILogger logger)
{
    protected abstract string SourceName { get; }

    protected abstract string ApiKeySetting { get; }

    /// <summary>Why no request can be sent with the configured key (not set, an unresolved Key Vault reference), or null.</summary>
    public string? CredentialProblem => SourceRequests.KeyProblem(options.ApiKey, ApiKeySetting);

    protected async Task<RawPage> GetPageAsync(string path, string? scope, string? cursor, CancellationToken ct)
    {
        var query = $"{path}?kichthuoc={options.PageSize}";
        if (!string.IsNullOrEmpty(scope)) query += "&madonvi=" + Uri.EscapeDataString(scope);
        if (!string.IsNullOrEmpty(cursor)) query += "&sau=" + Uri.EscapeDataString(cursor);

        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        request.Headers.Add("X-Api-Key", options.ApiKey);
        var raw = await SourceRequests.SendAsync(http, request, SourceName, ApiKeySetting, ct);
        return ParsePage(raw, path);
    }

    private RawPage ParsePage(byte[] raw, string path)
    {
        try
        {
            // Not disposed: the page's records point into this document, which lives as long as the page does (its
            // buffers go back to the garbage collector instead of the pool) — no copy of every record.
            var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement;
            var code = root.TryGetProperty("error_code", out var c) ? c.ToString() : null;
            if (code != "0")
            {
                var message = root.TryGetProperty("message", out var m) ? m.ToString() : "";
                throw new SourceException(SourceName, $"GET {path} returned error_code {code}: {message}");
            }
            var records = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().ToList()
                : [];
            var more = root.TryGetProperty("con_tiep", out var flag) && flag.ValueKind == JsonValueKind.True;
            var next = root.TryGetProperty("sau", out var after) && after.ValueKind == JsonValueKind.String ? after.GetString() : null;
            if (more && string.IsNullOrEmpty(next)) throw new SourceException(SourceName, $"GET {path} says more pages follow but gives no 'sau' cursor.");
            logger.LogDebug("{Source} {Path}: {Count} records, more: {More}", SourceName, path, records.Count, more);
            return new RawPage(raw, records, more, next);
        }
        catch (JsonException e)
        {
            throw new SourceException(SourceName, $"GET {path} returned a body that is not JSON: {e.Message}", e);
        }
    }
}
