using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hub.Api.Auth;
using Hub.Api.Routes;
using Hub.Storage.Evidence;
using Hub.Storage.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Hub.Api.Handlers;

/// <summary>Administrators keep who is told about which unit (email or webhook; each alert, a daily digest) and read
/// the delivery log.</summary>
public sealed partial class NotificationsApi(SubscriptionRepository subscriptions, DeliveryLog deliveries, UnitRepository units, TimeProvider clock, ILogger<NotificationsApi> logger)
{
    public sealed record SubscriptionBody(string? Unit, string? Channel, string? Address, bool? Alerts = null, bool? Digest = null);

    public async Task<Json<IReadOnlyList<Subscription>>> ListAsync(CancellationToken ct) => Answer.Ok(await subscriptions.ListAsync(ct));

    public async Task<Json<IReadOnlyList<Delivery>>> DeliveriesAsync(CancellationToken ct) => Answer.Ok<IReadOnlyList<Delivery>>((await deliveries.ListAsync(ct)).Take(500).ToList());

    /// <summary>POST subscriptions: the same unit, channel and address is the same subscription (its flags replaced).</summary>
    public async Task<Results<JsonCreated<Subscription>, Problem>> AddAsync(string? body, Caller by, CancellationToken ct)
    {
        if (!AdminApi.TryRead<SubscriptionBody>(body, out var request, out var bodyError)) return bodyError!;
        if (request?.Unit is not { } unit || !UnitCodePattern().IsMatch(unit)) return Answer.BadRequest("'unit' must be a unit code.");
        if (request.Channel is not (Subscription.Email or Subscription.Webhook)) return Answer.BadRequest("'channel' must be email or webhook.");
        var address = request.Address?.Trim() ?? "";
        if (AddressProblem(request.Channel, address) is { } bad) return Answer.BadRequest(bad);
        var alerts = request.Alerts ?? true;
        var digest = request.Digest ?? true;
        if (!alerts && !digest) return Answer.BadRequest("A subscription receives alerts, the daily digest, or both.");
        if (!(await units.LoadTreeAsync(ct)).Contains(unit)) return Answer.NotFound($"Unit '{unit}' is not known.");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{unit}|{request.Channel}|{address.ToLowerInvariant()}")))[..16];
        var subscription = new Subscription(id, unit, request.Channel, address, alerts, digest, by.Name, clock.GetUtcNow());
        await subscriptions.AddAsync(subscription, ct);
        logger.LogInformation("Subscription {Id} to {Unit} by {Channel} set by {Admin}", id, unit, request.Channel, by.Name);
        return Answer.Created(subscription, $"/api/subscriptions/{unit}/{id}");
    }

    public async Task<Results<Deleted, Problem>> DeleteAsync(string unit, string id, Caller by, CancellationToken ct)
    {
        if (!UnitCodePattern().IsMatch(unit) || !IdPattern().IsMatch(id)) return Answer.BadRequest("Unit code or subscription id is not valid.");
        if (!await subscriptions.DeleteAsync(unit, id, ct)) return Answer.NotFound($"No subscription {id} to unit {unit}.");
        logger.LogInformation("Subscription {Id} to {Unit} removed by {Admin}", id, unit, by.Name);
        return new Deleted();
    }

    private static string? AddressProblem(string channel, string address)
    {
        if (address.Length is 0 or > 320) return "'address' is required (at most 320 characters).";
        if (channel == Subscription.Email)
            return MimeKit.MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@') && mailbox.Address == address ? null : "'address' is not an email address.";
        // Webhooks over HTTPS; plain HTTP only to this machine (a local receiver, tests).
        return Uri.TryCreate(address, UriKind.Absolute, out var url) && (url.Scheme == "https" || (url.Scheme == "http" && url.IsLoopback))
            ? null : "'address' must be an https URL.";
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,40}$")]
    private static partial Regex UnitCodePattern();

    [GeneratedRegex(@"^[0-9a-f]{16}$")]
    private static partial Regex IdPattern();
}
