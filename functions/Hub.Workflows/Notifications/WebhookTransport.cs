using System.Text.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Notifications;

/// <summary>A generic webhook: POST of {key, kind, subject, text} as JSON, signed with HMAC-SHA256 of the body in
/// x-hub-signature (sha256=hex) when a secret is set, the key again in x-hub-delivery (a receiver dedupes on it). Any
/// answer but 2xx is a failure the queue retries.</summary>
public sealed class WebhookTransport(IHttpClientFactory clients, IOptions<NotificationOptions> options)
{
    public async Task SendAsync(Notification n, CancellationToken ct)
    {
        if (!Uri.TryCreate(n.Address, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"Webhook address of subscription {n.SubscriptionId} is not an http(s) URL.");
        var body = JsonSerializer.SerializeToUtf8Bytes(new { key = n.Key, kind = n.Kind, subject = n.Subject, text = n.Text, schema = "hub.notification/1" });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("x-hub-delivery", n.Key);
        if (options.Value.WebhookSecret is { Length: > 0 } secret)
            request.Headers.Add("x-hub-signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body)));
        using var answer = await clients.CreateClient(nameof(WebhookTransport)).SendAsync(request, ct);
        if (!answer.IsSuccessStatusCode) throw new HttpRequestException($"Webhook answered {(int)answer.StatusCode}.");
    }
}
