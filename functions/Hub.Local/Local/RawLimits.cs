namespace Hub.Local.Local;

/// <summary>The raw limits the benchmarks compare the hub with: the same storage work done by the bare Azure SDK,
/// in the same process, on the same Azurite.</summary>
public static class RawLimits
{
    /// <summary>Most rows the raw insert loop writes. Azurite keeps a sorted index per table and inserts into it by
    /// shifting an array, so its insert cost grows with the table: past a few hundred thousand rows a raw loop of
    /// millions would take an hour here and measure LokiJS, not the SDK. Capped, the raw rate is measured on a smaller
    /// table than the hub wrote into — it can only flatter the raw side.</summary>
    public const long MaxRawRows = 500_000;

    /// <summary>As many rows as the hub stored (up to MaxRawRows), written blind (no read, no guard) in 100-entity
    /// transactions, a few partitions at once: the storage's ceiling for the writes a sync makes. Table "RawBench".</summary>
    public static async Task<StageTiming> InsertAsync(StorageClients storage, long rows, int partitions, int atOnce, CancellationToken ct)
    {
        rows = Math.Min(rows, MaxRawRows);
        var table = storage.Table("RawBench");
        await table.CreateIfNotExistsAsync(ct);
        var perPartition = (int)Math.Ceiling(rows / (double)partitions);
        return await StageTiming.MeasureAsync("raw insert", "rows", async () =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, partitions), new ParallelOptions { MaxDegreeOfParallelism = atOnce, CancellationToken = ct }, async (p, token) =>
            {
                var entities = Enumerable.Range(0, perPartition).Select(i => new TableEntity($"P{p:D4}", $"R{i:D8}")
                {
                    ["UnitCode"] = $"P{p:D4}", ["ProcedureCode"] = "1.000001", ["Channel"] = 2, ["ReceivedAt"] = DateTimeOffset.UtcNow, ["DueAt"] = DateTimeOffset.UtcNow,
                    ["FinishedAt"] = DateTimeOffset.UtcNow, ["Status"] = 10, ["ApplicantHash"] = "h1:0123456789abcdef0123456789abcdef", ["Version"] = 1L,
                });
                foreach (var chunk in entities.Chunk(100))
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token);
            });
            return (long)perPartition * partitions;
        });
    }
}
