using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;

namespace Hub.Storage.Evidence;

/// <summary>Idempotent writes of versioned source records: a record is written only when it is new or newer than
/// what is stored, under the stored ETag, so an older version (late, duplicated or re-delivered) never overwrites a
/// newer one, and the same page applied twice changes nothing. Writes go in per-partition transactions of ≤100, the
/// partitions of a page in parallel (bounded: the Table service's target is per partition, ~2,000 entities/s, and
/// per account, ~20,000/s).
///
/// The version guard rides on the write. Rows this process wrote or read before are remembered (KnownVersions,
/// bounded) with their version and ETag, and are replaced under that ETag. Rows it has never seen are first assumed
/// new and added — an Add fails if the row exists, and a transaction is all or nothing — so a page of new dossiers
/// costs its writes and no read (on Azure a read is a billed transaction; on Azurite every query scans the whole
/// table). Any conflict (an Add of an existing row, a remembered ETag another writer made stale) makes the partition
/// be decided again against a fresh read, 15 keys per query; after such a conflict the partition's unseen rows are
/// read before they are written until a read finds none of them stored (a re-sync after a restart, where every row
/// exists, then pays one read per row and no failed transaction). The hub never deletes these rows, which is what
/// makes a remembered "stored and newer" safe to act on.</summary>
public static class VersionedUpsert
{
    public const string VersionColumn = "Version";
    private const int MaxAttempts = 4;

    /// <summary>Partitions of one page written at once.</summary>
    public const int PartitionParallelism = 8;

    public sealed record Outcome(int Stored, int Stale);

    private static readonly ConditionalWeakTable<TableClient, KnownVersions> Known = new();

    public static async Task<Outcome> UpsertNewerAsync(TableClient table, IReadOnlyList<TableEntity> entities, CancellationToken ct)
    {
        // Within one page the same record may come several times: keep its newest version only.
        var newest = entities
            .GroupBy(e => (e.PartitionKey, e.RowKey))
            .Select(g => g.MaxBy(e => e.GetInt64(VersionColumn))!)
            .ToList();
        var known = Known.GetValue(table, _ => new KnownVersions());
        int stored = 0, stale = entities.Count - newest.Count;
        await Parallel.ForEachAsync(newest.GroupBy(e => e.PartitionKey),
            new ParallelOptions { MaxDegreeOfParallelism = PartitionParallelism, CancellationToken = ct },
            async (partition, token) =>
            {
                var (s, st) = await UpsertPartitionAsync(table, known, partition.Key, partition.ToList(), token);
                Interlocked.Add(ref stored, s);
                Interlocked.Add(ref stale, st);
            });
        return new Outcome(stored, stale);
    }

    private static async Task<(int Stored, int Stale)> UpsertPartitionAsync(TableClient table, KnownVersions known, string partition, List<TableEntity> pending, CancellationToken ct)
    {
        int stored = 0, stale = 0;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            // First attempt: what this process remembers; the rest is assumed new, or read first if this partition's
            // unseen rows lately turned out to exist. After a conflict: everything afresh.
            var unknown = pending;
            var existing = attempt == 1 ? known.Lookup(partition, pending, out unknown) : new Dictionary<string, (long Version, ETag ETag)>(StringComparer.Ordinal);
            if (attempt > 1 || known.ReadsFirst(partition))
            {
                var read = await ReadVersionsAsync(table, partition, unknown, ct);
                foreach (var (row, value) in read)
                {
                    existing[row] = value;
                    known.Remember(partition, row, value.Version, value.ETag);
                }
                if (unknown.Count > 0 && read.Count == 0) known.AssumeNew(partition);
            }
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
                    var responses = (await table.SubmitTransactionAsync(chunk, ct)).Value;
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var entity = chunk[i].Entity;
                        if (i < responses.Count && responses[i].Headers.ETag is { } etag)
                            known.Remember(partition, entity.RowKey, ((TableEntity)entity).GetInt64(VersionColumn) ?? 0, etag);
                        else known.Forget(partition, entity.RowKey);
                    }
                    stored += chunk.Length;
                    committed.UnionWith(chunk.Select(a => a.Entity.RowKey));
                }
                stale += staleThisAttempt;
                pending.Clear();
            }
            catch (TableTransactionFailedException e) when (attempt < MaxAttempts && e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                // A row assumed new exists (409), or another writer changed a remembered one (412); a transaction is all
                // or nothing: decide again for every row not yet committed, against what is stored now.
                pending = pending.Where(p => !committed.Contains(p.RowKey)).ToList();
                foreach (var p in pending) known.Forget(partition, p.RowKey);
                if (e.Status == (int)HttpStatusCode.Conflict) known.ReadFirst(partition);
            }
        }
        return (stored, stale);
    }

    /// <summary>Stored versions of the given rows: one query per 15 row keys (the Table service's limit of discrete
    /// comparisons in a filter), run in parallel, projecting only the version, instead of one read per row.</summary>
    private static async Task<Dictionary<string, (long Version, ETag ETag)>> ReadVersionsAsync(TableClient table, string partition, List<TableEntity> entities, CancellationToken ct)
    {
        const int keysPerQuery = 15;
        var result = new Dictionary<string, (long Version, ETag ETag)>(StringComparer.Ordinal);
        if (entities.Count == 0) return result;
        using var gate = new SemaphoreSlim(4);
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

    /// <summary>The version and ETag of rows this process has written or read, per table; bounded in two generations
    /// (when the newer one is full it becomes the older and the oldest is dropped), so memory does not grow with the
    /// data while the rows of the pages in flight — the ones whose next versions come soon — stay remembered. A
    /// forgotten row costs one failed Add and a read, never a wrong write.</summary>
    private sealed class KnownVersions
    {
        private const int GenerationSize = 50_000;
        private ConcurrentDictionary<(string Partition, string Row), (long Version, ETag ETag)> _current = new();
        private ConcurrentDictionary<(string Partition, string Row), (long Version, ETag ETag)> _previous = new();
        private readonly Lock _turn = new();

        public Dictionary<string, (long Version, ETag ETag)> Lookup(string partition, List<TableEntity> entities, out List<TableEntity> unknown)
        {
            var found = new Dictionary<string, (long Version, ETag ETag)>(StringComparer.Ordinal);
            unknown = [];
            var (current, previous) = (_current, _previous);
            foreach (var e in entities)
                if (current.TryGetValue((partition, e.RowKey), out var v) || previous.TryGetValue((partition, e.RowKey), out v)) found[e.RowKey] = v;
                else unknown.Add(e);
            return found;
        }

        public void Remember(string partition, string row, long version, ETag etag)
        {
            if (_current.Count >= GenerationSize)
                lock (_turn)
                    if (_current.Count >= GenerationSize) (_previous, _current) = (_current, new());
            _current[(partition, row)] = (version, etag);
        }

        public void Forget(string partition, string row)
        {
            _current.TryRemove((partition, row), out _);
            _previous.TryRemove((partition, row), out _);
        }

        // Partitions whose unseen rows are read before they are written (one entry per unit at most).
        private readonly ConcurrentDictionary<string, byte> _readFirst = new(StringComparer.Ordinal);

        public bool ReadsFirst(string partition) => _readFirst.ContainsKey(partition);
        public void ReadFirst(string partition) => _readFirst.TryAdd(partition, 0);
        public void AssumeNew(string partition) => _readFirst.TryRemove(partition, out _);
    }
}
