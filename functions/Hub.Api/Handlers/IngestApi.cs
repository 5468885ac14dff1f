using Hub.Api.Routes;
using Hub.Workflows.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Handlers;

/// <summary>POST ingest/{feed}: a sending system pushes a batch of records in the portal's sync format. 200 once every
/// good record is stored (with what became of each bad one); 400 for a batch that is not one; 404 for a feed that
/// cannot be pushed. Re-sending the same batch stores nothing twice.</summary>
public sealed class IngestApi(PushIngestion ingestion)
{
    public async Task<Results<Json<PushAnswer>, Problem>> PushAsync(string feed, string sender, PushSender config, byte[] body, CancellationToken ct)
    {
        if (feed != PushIngestion.DossiersFeed) return Answer.NotFound($"'{(feed.Length <= 40 ? feed : feed[..40])}' cannot be pushed; the feeds that can: {PushIngestion.DossiersFeed}.");
        if (body.Length == 0) return Answer.BadRequest("The batch is empty.");
        var (records, problem) = ingestion.Parse(body);
        if (problem is not null) return Answer.BadRequest(problem);
        var outcome = await ingestion.IngestAsync(sender, config, body, records!, ct);
        return Answer.Ok(new PushAnswer(outcome.Received, outcome.Stored, outcome.Stale, outcome.Quarantined.Count,
            outcome.Quarantined.Select(b => new PushRejection(b.Index, b.RecordId, b.Reason)).ToList(), outcome.UnitsRefreshed));
    }
}

public sealed record PushAnswer(int Received, int Stored, int Unchanged, int QuarantinedCount, IReadOnlyList<PushRejection> Quarantined, IReadOnlyList<string> UnitsRefreshed);

public sealed record PushRejection(int Index, string? RecordId, string Reason);
