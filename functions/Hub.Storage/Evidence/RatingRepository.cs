namespace Hub.Storage.Evidence;

/// <summary>Satisfaction ratings: partition = unit, row = the rating's own id (a dossier may be rated more than once).</summary>
public sealed class RatingRepository(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.RatingsTable);

    public Task<VersionedUpsert.Outcome> UpsertAsync(IEnumerable<(string RatingId, Rating Rating, DateTimeOffset Version)> ratings, CancellationToken ct) =>
        VersionedUpsert.UpsertNewerAsync(_table, ratings.Select(x => new TableEntity(TableKeys.Escape(x.Rating.UnitCode), TableKeys.Escape(x.RatingId))
        {
            ["DossierId"] = x.Rating.DossierId, ["UnitCode"] = x.Rating.UnitCode, ["RatedAt"] = x.Rating.RatedAt, ["Level"] = x.Rating.Level.ToString(),
            [VersionedUpsert.VersionColumn] = x.Version.UtcTicks,
        }).ToList(), ct);

    public Task<IReadOnlyList<Rating>> ListByUnitAsync(string unitCode, CancellationToken ct) =>
        _table.ListPartitionAsync(TableKeys.Escape(unitCode), FromEntity, ct);

    /// <summary>The unit's ratings as they are read (scoring counts them; a large unit's are not held at once).</summary>
    public IAsyncEnumerable<Rating> StreamByUnitAsync(string unitCode, CancellationToken ct) =>
        _table.StreamPartitionAsync(TableKeys.Escape(unitCode), FromEntity, ct);

    private static Rating FromEntity(TableEntity e) =>
        new(e.GetString("DossierId"), e.GetString("UnitCode"), e.GetDateTimeOffset("RatedAt")!.Value, Enum.Parse<RatingLevel>(e.GetString("Level")));
}
