namespace Hub.Storage.Evidence;

/// <summary>Feedback and petitions (PAKN): partition = unit, row = MaPAKN. The sender is not kept at all.</summary>
public sealed class FeedbackRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.FeedbackTable);

    public Task<VersionedUpsert.Outcome> UpsertAsync(IEnumerable<(FeedbackItem Item, DateTimeOffset Version)> items, CancellationToken ct) =>
        VersionedUpsert.UpsertNewerAsync(_table, items.Select(x => new TableEntity(TableKeys.Escape(x.Item.UnitCode), TableKeys.Escape(x.Item.Id))
        {
            ["FeedbackId"] = x.Item.Id, ["UnitCode"] = x.Item.UnitCode, ["ReceivedAt"] = x.Item.ReceivedAt, ["DueAt"] = x.Item.DueAt,
            ["AnsweredAt"] = x.Item.AnsweredAt, [VersionedUpsert.VersionColumn] = x.Version.UtcTicks,
        }).ToList(), ct);

    public Task<IReadOnlyList<FeedbackItem>> ListByUnitAsync(string unitCode, CancellationToken ct) =>
        _table.ListPartitionAsync(TableKeys.Escape(unitCode), FromEntity, ct);

    /// <summary>The unit's feedback as it is read (scoring counts it; a large unit's is not held at once).</summary>
    public IAsyncEnumerable<FeedbackItem> StreamByUnitAsync(string unitCode, CancellationToken ct) =>
        _table.StreamPartitionAsync(TableKeys.Escape(unitCode), FromEntity, ct);

    private static FeedbackItem FromEntity(TableEntity e) =>
        new(e.GetString("FeedbackId"), e.GetString("UnitCode"), e.GetDateTimeOffset("ReceivedAt")!.Value, e.GetDateTimeOffset("DueAt")!.Value, e.GetDateTimeOffset("AnsweredAt"));
}
