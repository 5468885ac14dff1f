using System.Net;
using Azure;

namespace Hub.Storage.Scores;

/// <summary>Who asked for the latest run of a period, when and why (table ScoringRuns, partition = period, row "run").
/// Its ETag makes a start atomic: of any number of concurrent starts, exactly one claims the record.</summary>
public sealed class ScoringRunRepository(StorageClients storage)
{
    private const string Row = "run";
    private readonly TableClient _table = storage.Table(StorageNames.ScoringRunsTable);

    public sealed record RunClaim(string Period, string InstanceId, string RequestedBy, string Reason, DateTimeOffset ClaimedAt, int Attempt);

    public async Task<(RunClaim? Claim, ETag ETag)> GetAsync(Period period, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(period.ToString(), Row, cancellationToken: ct);
        if (!response.HasValue) return (null, default);
        var e = response.Value!;
        return (new RunClaim(period.ToString(), e.GetString("InstanceId"), e.GetString("RequestedBy"), e.GetString("Reason"), e.GetDateTimeOffset("ClaimedAt")!.Value, e.GetInt32("Attempt") ?? 1), e.ETag);
    }

    /// <summary>Claims the next run: inserts the record, or replaces the one read (If-Match its ETag). False when
    /// another start got there first.</summary>
    public async Task<bool> TryClaimAsync(RunClaim claim, ETag? readETag, CancellationToken ct)
    {
        var entity = new TableEntity(claim.Period, Row)
        {
            ["InstanceId"] = claim.InstanceId, ["RequestedBy"] = claim.RequestedBy, ["Reason"] = claim.Reason,
            ["ClaimedAt"] = claim.ClaimedAt, ["Attempt"] = claim.Attempt,
        };
        try
        {
            if (readETag is { } etag) await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, ct);
            else await _table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }
}
