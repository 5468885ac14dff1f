using Azure;

namespace Hub.Storage.Access;

/// <summary>Which units a unit viewer sees: root unit codes (each with its subtree), who granted them and why.</summary>
public sealed record ViewerScope(string Principal, IReadOnlyList<string> Units, string GrantedBy, string Reason, DateTimeOffset GrantedAt);

/// <summary>Table ViewerScopes: partition "scope", row = the principal's name as the identity provider gives it
/// (lower case: Entra ID user names compare case-insensitively). Administrators manage it over the API.</summary>
public sealed class ViewerScopeRepository(StorageClients storage)
{
    private const string Partition = "scope";
    private readonly TableClient _table = storage.Table(StorageNames.ViewerScopesTable);

    private static string Key(string principal) => TableKeys.Escape(principal.Trim().ToLowerInvariant());

    public async Task<ViewerScope?> GetAsync(string principal, CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(principal), cancellationToken: ct);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    public async Task<IReadOnlyList<ViewerScope>> ListAsync(CancellationToken ct) =>
        (await _table.ListPartitionAsync(Partition, FromEntity, ct)).OrderBy(s => s.Principal, StringComparer.Ordinal).ToList();

    public Task SaveAsync(ViewerScope scope, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, Key(scope.Principal))
        {
            ["Units"] = string.Join(",", scope.Units), ["GrantedBy"] = scope.GrantedBy, ["Reason"] = scope.Reason, ["GrantedAt"] = scope.GrantedAt,
        }, TableUpdateMode.Replace, ct);

    /// <summary>Removes the principal's scope; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string principal, CancellationToken ct)
    {
        try
        {
            // The SDK answers a missing entity with its 404 response rather than an exception (it classifies 404 on
            // delete as success); either way, nothing was there.
            var response = await _table.DeleteEntityAsync(Partition, Key(principal), ETag.All, ct);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return false; }
    }

    private static ViewerScope FromEntity(TableEntity e) => new(
        TableKeys.Unescape(e.RowKey), (e.GetString("Units") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetString("GrantedBy") ?? "", e.GetString("Reason") ?? "", e.GetDateTimeOffset("GrantedAt") ?? DateTimeOffset.MinValue);
}
