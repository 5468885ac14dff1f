using Azure;

namespace Hub.Storage.Notifications;

/// <summary>Who is told about a unit (and every unit below it): by email or webhook, of each alert raised, in a daily
/// digest, or both. The address is a staff mailbox or a system's endpoint, never a citizen's.</summary>
public sealed record Subscription(string Id, string UnitCode, string Channel, string Address, bool Alerts, bool Digest, string CreatedBy, DateTimeOffset CreatedAt)
{
    public const string Email = "email";
    public const string Webhook = "webhook";
}

/// <summary>Table Subscriptions: partition = unit code, row = subscription id.</summary>
public sealed class SubscriptionRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.SubscriptionsTable);

    public async Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken ct)
    {
        var all = new List<Subscription>();
        await foreach (var e in _table.QueryAsync<TableEntity>(cancellationToken: ct)) all.Add(FromEntity(e));
        return all.OrderBy(s => s.UnitCode, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>One unit's subscriptions (its partition), by id.</summary>
    public async Task<IReadOnlyList<Subscription>> ListAsync(string unitCode, CancellationToken ct)
    {
        var unit = new List<Subscription>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == TableKeys.Escape(unitCode), cancellationToken: ct)) unit.Add(FromEntity(e));
        return unit.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public Task AddAsync(Subscription s, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(s.UnitCode), s.Id)
        {
            ["Channel"] = s.Channel, ["Address"] = s.Address, ["Alerts"] = s.Alerts, ["Digest"] = s.Digest, ["CreatedBy"] = s.CreatedBy, ["CreatedAt"] = s.CreatedAt,
        }, TableUpdateMode.Replace, ct);

    public async Task<bool> DeleteAsync(string unitCode, string id, CancellationToken ct)
    {
        try { return (await _table.DeleteEntityAsync(TableKeys.Escape(unitCode), id, ETag.All, ct)).Status != 404; }
        catch (RequestFailedException e) when (e.Status == 404) { return false; }
    }

    private static Subscription FromEntity(TableEntity e) => new(e.RowKey, TableKeys.Unescape(e.PartitionKey), e.GetString("Channel") ?? "", e.GetString("Address") ?? "",
        e.GetBoolean("Alerts") ?? false, e.GetBoolean("Digest") ?? false, e.GetString("CreatedBy") ?? "", e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
}
