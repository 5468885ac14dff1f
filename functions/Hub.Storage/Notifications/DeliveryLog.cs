using Azure;

namespace Hub.Storage.Notifications;

/// <summary>One notification's delivery: claimed (pending) before it is sent, sent after; its key makes a re-delivered
/// queue message find it and send nothing twice.</summary>
public sealed record Delivery(string Key, string Kind, string SubscriptionId, string Channel, string State, int Attempts, DateTimeOffset ClaimedAt, DateTimeOffset? SentAt, string? Error)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
}

/// <summary>Table Deliveries: partition "delivery", row = the notification's key (kind|subject|subscription).</summary>
public sealed class DeliveryLog(StorageClients storage)
{
    private const string Partition = "delivery";
    private readonly TableClient _table = storage.Table(StorageNames.DeliveriesTable);

    public enum Claim { Taken, AlreadySent, HeldElsewhere }

    /// <summary>Claims the delivery for this attempt: a new key is taken; a sent one is not sent again; a pending one is
    /// taken over only when its claim is older than <paramref name="lease"/> (the attempt that held it died).</summary>
    public async Task<(Claim Claim, Delivery Delivery)> ClaimAsync(Delivery fresh, TimeSpan lease, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(fresh), ct);
            return (Claim.Taken, fresh);
        }
        catch (RequestFailedException e) when (e.Status == 409) { }
        var existing = (await _table.GetEntityAsync<TableEntity>(Partition, TableKeys.Escape(fresh.Key), cancellationToken: ct)).Value;
        var stored = FromEntity(existing);
        if (stored.State == Delivery.Sent) return (Claim.AlreadySent, stored);
        if (fresh.ClaimedAt - stored.ClaimedAt < lease) return (Claim.HeldElsewhere, stored);
        var retaken = stored with { Attempts = stored.Attempts + 1, ClaimedAt = fresh.ClaimedAt };
        try
        {
            await _table.UpdateEntityAsync(ToEntity(retaken), existing.ETag, TableUpdateMode.Replace, ct);
            return (Claim.Taken, retaken);
        }
        catch (RequestFailedException e) when (e.Status == 412) { return (Claim.HeldElsewhere, stored); }
    }

    public Task MarkSentAsync(Delivery d, DateTimeOffset at, CancellationToken ct) =>
        _table.UpsertEntityAsync(ToEntity(d with { State = Delivery.Sent, SentAt = at, Error = null }), TableUpdateMode.Replace, ct);

    /// <summary>A failed attempt: the claim is released (with the error) so that the queue's retry can take it at once.</summary>
    public Task ReleaseAsync(Delivery d, string error, CancellationToken ct) =>
        _table.UpsertEntityAsync(ToEntity(d with { ClaimedAt = DateTimeOffset.MinValue, Error = error.Length > 500 ? error[..500] : error }), TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<Delivery>> ListAsync(CancellationToken ct) =>
        (await _table.ListPartitionAsync(Partition, FromEntity, ct)).OrderByDescending(d => d.SentAt ?? d.ClaimedAt).ToList();

    private static TableEntity ToEntity(Delivery d) => new(Partition, TableKeys.Escape(d.Key))
    {
        ["Kind"] = d.Kind, ["SubscriptionId"] = d.SubscriptionId, ["Channel"] = d.Channel, ["State"] = d.State, ["Attempts"] = d.Attempts,
        // Table storage holds dates from 1601: the released claim's "never" is stored as that floor.
        ["ClaimedAt"] = d.ClaimedAt < new DateTimeOffset(1601, 1, 2, 0, 0, 0, TimeSpan.Zero) ? new DateTimeOffset(1601, 1, 2, 0, 0, 0, TimeSpan.Zero) : d.ClaimedAt,
        ["SentAt"] = d.SentAt, ["Error"] = d.Error,
    };

    private static Delivery FromEntity(TableEntity e) => new(TableKeys.Unescape(e.RowKey), e.GetString("Kind") ?? "", e.GetString("SubscriptionId") ?? "", e.GetString("Channel") ?? "",
        e.GetString("State") ?? Delivery.Pending, e.GetInt32("Attempts") ?? 1, e.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("SentAt"), e.GetString("Error"));
}
