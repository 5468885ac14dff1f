namespace Hub.Storage;

public static class TableQueries
{
    /// <summary>Every row of one partition, mapped: the read every per-unit repository makes.</summary>
    public static async Task<IReadOnlyList<T>> ListPartitionAsync<T>(this TableClient table, string partitionKey, Func<TableEntity, T> map, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var result = new List<T>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) result.Add(map(e));
        return result;
    }
}
