using Azure;
using Hub.Domain.Alerts;

namespace Hub.Storage.Alerts;

/// <summary>An alert as stored: its condition's identity, open or closed, when, and the evidence of the run that
/// raised it (and of the last run that saw it).</summary>
public sealed record StoredAlert(string Id, string Rule, string Unit, string Subject, string State, string Message,
    IReadOnlyDictionary<string, string> Evidence, DateTimeOffset RaisedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ClosedAt, string RunId)
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>Table Alerts: partition "alert", row = rule|unit|subject (one row per condition: raised once, reopened
/// only after it was closed).</summary>
public sealed class AlertRepository(StorageClients storage)
{
    private const string Partition = "alert";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = storage.Table(StorageNames.AlertsTable);

    public async Task<IReadOnlyList<StoredAlert>> ListAsync(CancellationToken ct) =>
        (await _table.ListPartitionAsync(Partition, FromEntity, ct)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();

    public Task SaveAsync(StoredAlert alert, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(alert.Id))
        {
            ["Rule"] = alert.Rule, ["Unit"] = alert.Unit, ["Subject"] = alert.Subject, ["State"] = alert.State, ["Message"] = alert.Message,
            ["Evidence"] = JsonSerializer.Serialize(alert.Evidence, Json), ["RaisedAt"] = alert.RaisedAt, ["LastSeenAt"] = alert.LastSeenAt,
            ["ClosedAt"] = alert.ClosedAt, ["RunId"] = alert.RunId,
        }, TableUpdateMode.Replace, ct);

    private static StoredAlert FromEntity(TableEntity e) => new(
        TableKeys.Unescape(e.RowKey), e.GetString("Rule"), e.GetString("Unit"), e.GetString("Subject"), e.GetString("State"), e.GetString("Message"),
        JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Evidence") ?? "{}", Json) ?? [],
        e.GetDateTimeOffset("RaisedAt")!.Value, e.GetDateTimeOffset("LastSeenAt")!.Value, e.GetDateTimeOffset("ClosedAt"), e.GetString("RunId") ?? "");
}

/// <summary>"alert raised" / "alert closed", message schema hub.alert/1 (docs/alerts.md).</summary>
public sealed record AlertEvent(string Schema, string Event, string Id, string Rule, string Unit, string Subject, string Message,
    IReadOnlyDictionary<string, string> Evidence, DateTimeOffset RaisedAt, DateTimeOffset? ClosedAt, string RunId)
{
    public const string SchemaVersion = "hub.alert/1";

    public static AlertEvent Of(StoredAlert a, string @event) =>
        new(SchemaVersion, @event, a.Id, a.Rule, a.Unit, a.Subject, a.Message, a.Evidence, a.RaisedAt, a.ClosedAt, a.RunId);
}

public interface IAlertEvents
{
    Task SendAsync(AlertEvent alert, CancellationToken ct);
}

/// <summary>Locally: the storage queue hub-alerts (base64 JSON, as the Functions queue trigger reads it).</summary>
public sealed class StorageQueueAlertEvents(StorageClients storage) : IAlertEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(AlertEvent alert, CancellationToken ct) =>
        await storage.Queue(StorageNames.AlertsQueue).SendMessageAsync(JsonSerializer.Serialize(alert, Json), ct);
}
