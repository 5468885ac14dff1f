namespace Hub.Storage;

public static class TableQueries
{
    /// <summary>Every row of one partition, mapped: the read every per-unit repository makes.</summary>
    public static async Task<IReadOnlyList<T>> ListPartitionAsync<T>(this TableClient table, string partitionKey, Func<TableEntity, T> map, CancellationToken ct)
    {
        var result = new List<T>();
        await foreach (var item in table.StreamPartitionAsync(partitionKey, map, ct)) result.Add(item);
        return result;
    }

    /// <summary>Every row of one partition, mapped, as the pages arrive: for a consumer that only counts, so that
    /// memory does not grow with the unit's size.</summary>
    public static async IAsyncEnumerable<T> StreamPartitionAsync<T>(this TableClient table, string partitionKey, Func<TableEntity, T> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct)) yield return map(e);
    }
}
