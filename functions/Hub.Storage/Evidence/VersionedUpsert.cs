using System.Net;
using Azure;
using Azure.Data.Tables;

namespace Hub.Storage.Evidence;

/// <summary>Idempotent writes of versioned source records: a record is written only when it is new or newer than
/// what is stored, under the stored ETag, so an older version (late, duplicated or re-delivered) never overwrites a
/// newer one, and the same page applied twice changes nothing. Writes go in per-partition transactions of ≤100.</summary>
public static class VersionedUpsert
{
    public const string VersionColumn = "Version";
    private const int MaxAttempts = 4;

    public sealed record Outcome(int Stored, int Stale);

    public static async Task<Outcome> UpsertNewerAsync(TableClient table, IReadOnlyList<TableEntity> entities, CancellationToken ct)
    {
        // Within one page the same record may come several times: keep its newest version only.
        var newest = entities
            .GroupBy(e => (e.PartitionKey, e.RowKey))
            .Select(g => g.MaxBy(e => e.GetInt64(VersionColumn))!)
            .ToList();
        var duplicatesInPage = entities.Count - newest.Count;

        var stored = 0;
        var stale = duplicatesInPage;
        foreach (var partition in newest.GroupBy(e => e.PartitionKey))
        {
            var pending = partition.ToList();
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                var existing = await ReadVersionsAsync(table, partition.Key, pending, ct);
                var actions = new List<TableTransactionAction>();
                var staleThisAttempt = 0;
                foreach (var e in pending)
                {
                    if (!existing.TryGetValue(e.RowKey, out var current))
                        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, e));
                    else if (current.Version < e.GetInt64(VersionColumn))
                        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, current.ETag));
                    else staleThisAttempt++;
                }
                var committed = new HashSet<string>(StringComparer.Ordinal);
                try
                {
                    foreach (var chunk in actions.Chunk(100))
                    {
                        await table.SubmitTransactionAsync(chunk, ct);
                        stored += chunk.Length;
                        committed.UnionWith(chunk.Select(a => a.Entity.RowKey));
                    }
                    stale += staleThisAttempt;
                    pending.Clear();
                }
                catch (TableTransactionFailedException e) when (attempt < MaxAttempts && e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
                {
                    // Someone wrote one of these rows meanwhile (a transaction is all or nothing): decide again
                    // for every row not yet committed, against what is stored now.
                    pending = pending.Where(p => !committed.Contains(p.RowKey)).ToList();
                }
            }
        }
        return new Outcome(stored, stale);
    }

    /// <summary>Stored versions of the given rows: one query per 15 row keys (the Table service's limit of discrete
    /// comparisons in a filter), run in parallel, projecting only the version, instead of one read per row.</summary>
    private static async Task<Dictionary<string, (long Version, ETag ETag)>> ReadVersionsAsync(TableClient table, string partition, List<TableEntity> entities, CancellationToken ct)
    {
        const int keysPerQuery = 15;
        var result = new Dictionary<string, (long, ETag)>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(8);
        var queries = entities.Select(e => e.RowKey).Distinct(StringComparer.Ordinal).Chunk(keysPerQuery).Select(async keys =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" +
                    string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
                var found = new List<TableEntity>();
                await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: keysPerQuery, select: ["RowKey", VersionColumn], cancellationToken: ct)) found.Add(e);
                return found;
            }
            finally { gate.Release(); }
        });
        foreach (var found in await Task.WhenAll(queries))
            foreach (var entity in found)
                result[entity.RowKey] = (entity.GetInt64(VersionColumn) ?? 0, entity.ETag);
        return result;
    }
}
