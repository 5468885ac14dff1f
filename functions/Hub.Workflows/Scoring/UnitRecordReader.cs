using Hub.Domain.Evidence;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Scoring;

/// <summary>Where a unit's records go as they are read: the scoring run's accumulator, or a live snapshot's builder.</summary>
public interface IUnitRecordSink
{
    void Add(Procedure procedure);
    /// <summary>A dossier with the registry join applied (ReusedData), its portal status and procedure name.</summary>
    void Add(DossierSnapshotRow dossier);
    void Add(FeedbackItem feedback);
    void Add(Rating rating);
}

/// <summary>Reads one unit's own records — procedures, dossiers received before an instant (with the registries'
/// sharing log joined), petitions, ratings — in one pass, into a sink. The one reading a scoring run and a live
/// refresh share, so that a live figure and a full recompute count the same records the same way.</summary>
public sealed class UnitRecordReader(ProcedureRepository procedures, DossierRepository dossiers, FeedbackRepository feedback, RatingRepository ratings, SharingLogRepository sharing)
{
    /// <summary>Returns how many records were read.</summary>
    public async Task<long> ReadAsync(string unitCode, DateTimeOffset receivedBefore, IUnitRecordSink sink, CancellationToken ct)
    {
        long records = 0;
        foreach (var p in await procedures.ListByUnitAsync(unitCode, ct)) { sink.Add(p); records++; }
        var reuse = new DataReuse(await sharing.ListByUnitAsync(unitCode, ct));
        await foreach (var row in dossiers.QueryRowsByUnitAsync(unitCode, receivedBefore, ct))
        {
            sink.Add(row with { Dossier = row.Dossier with { ReusedData = reuse.Applies(row.Dossier, row.ApplicantHash) } });
            records++;
        }
        // Counted as they are read: only the registry join (DataReuse) holds a unit's rows at once.
        await foreach (var f in feedback.StreamByUnitAsync(unitCode, ct)) { sink.Add(f); records++; }
        await foreach (var r in ratings.StreamByUnitAsync(unitCode, ct)) { sink.Add(r); records++; }
        return records;
    }
}
