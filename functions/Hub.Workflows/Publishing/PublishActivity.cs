using Hub.Reports;
using Hub.Storage;
using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Workflows.Scoring;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Publishing;

/// <summary>Renders the reports of a run, and publishes them as the next version unless the latest version already
/// has the same content (then says so). Sends "index published" after the version is recorded.</summary>
public sealed class PublishActivity(EvidenceStore store, PublicationRepository publications, IIndexPublishedEvents events, TimeProvider clock, ILogger<PublishActivity> logger)
    : TaskActivity<PublicationRequest, PublicationOutcome>
{
    public override async Task<PublicationOutcome> RunAsync(TaskActivityContext context, PublicationRequest input)
    {
        var result = await store.LoadResultAsync(input.ResultBlob, CancellationToken.None);
        var files = ReportRenderer.Render(result);
        var hash = ReportRenderer.ContentHash(files);

        var existing = await publications.ListAsync(input.Period, CancellationToken.None);
        var same = existing.LastOrDefault(p => p.ContentHash == hash && p.RunId == input.RunId) ?? (existing.LastOrDefault() is { } last && last.ContentHash == hash ? last : null);
        if (same is not null)
        {
            logger.LogInformation("{Period}: content identical to v{Version} ({Hash}); no new version", input.Period, same.Version, hash);
            return new PublicationOutcome("unchanged", same.Version, $"{StorageNames.ReportsContainer}/{same.Folder}/", hash, same.Version,
                $"The scores are identical to version {same.Version}; nothing new was published.");
        }

        var version = (existing.LastOrDefault()?.Version ?? 0) + 1;
        var publication = new Publication(input.Period, version, clock.GetUtcNow(), input.RequestedBy, input.Reason, result.Methodology, hash, input.RunId,
            files.Select(f => f.Name).ToList());
        await publications.AddAsync(publication, files, CancellationToken.None);
        var folder = $"{StorageNames.ReportsContainer}/{publication.Folder}/";
        await events.SendAsync(new IndexPublished(input.Period, version, result.Methodology, hash, folder, publication.PublishedAt), CancellationToken.None);
        logger.LogInformation("Published {Period} v{Version} ({Hash}) by {By}: {Reason}", input.Period, version, hash, input.RequestedBy, input.Reason);
        return new PublicationOutcome("published", version, folder, hash, null, null);
    }
}
