using System.Net;

namespace Hub.Sources.Common;

/// <summary>Sends one request to a national system through its resilience pipeline and turns every way it can fail
/// into a SourceException an operator can act on: not attempted (circuit open), failed after retries, refused
/// credentials (naming the setting), any other non-success status. Returns the body as sent.</summary>
public static class SourceRequests
{
    /// <summary>Why an API key cannot be sent, or null: empty, or still the text of a Key Vault reference (App Service
    /// leaves the reference in the setting when the secret is missing or unreadable) — which must never reach the source.</summary>
    public static string? KeyProblem(string? key, string setting) =>
        string.IsNullOrWhiteSpace(key) ? $"the API key is not set (setting {setting})"
        : key.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
            ? $"the API key is an unresolved Key Vault reference (setting {setting}): the secret is missing or the app's identity cannot read it"
            : null;

    public static async Task<byte[]> SendAsync(HttpClient http, HttpRequestMessage request, string source, string apiKeySetting, CancellationToken ct)
    {
        var what = $"{request.Method} {request.RequestUri}";
        var key = request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.FirstOrDefault() : null;
        if (KeyProblem(key, apiKeySetting) is { } problem)
            throw new SourceAuthenticationException(source, $"{what} not sent: {problem}.");
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, ct); }
        catch (Polly.CircuitBreaker.BrokenCircuitException e)
        {
            throw new SourceException(source, $"{what} not attempted: the source has been failing repeatedly and the circuit breaker is open; it will be tried again shortly.", e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            throw new SourceException(source, $"{what} failed after retries: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new SourceAuthenticationException(source, $"{what} was refused ({(int)response.StatusCode}): the API key is missing, wrong or expired (setting {apiKeySetting}).");
            if (!response.IsSuccessStatusCode)
                throw new SourceException(source, $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase} after retries.");
            return await response.Content.ReadAsByteArrayAsync(ct);
        }
    }
}
