using Hub.Domain.Catalog;
using Hub.Domain.Evidence;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Domain.Units;

namespace Hub.Domain.Audit;

/// <summary>Scores an audit file offline in one streaming pass: the same engine as the scoring orchestration,
/// with the whole file as evidence. Duplicates and references to unknown units are refused, naming the record.</summary>
public static class Recompute
{
    public static IndexResult Run(Stream auditFile, Period period, IndexCatalog catalog)
    {
        var sink = new Sink(new EvidenceAccumulator(period, catalog.Parameters));
        AuditFileReader.Read(auditFile, sink);
        var tree = UnitTree.Build(sink.Units);
        foreach (var (unit, where) in sink.FirstReference)
            if (!tree.Contains(unit)) throw new DomainException($"{where}: field 'unitCode' names unit '{unit}', which is not in 'units'.");
        foreach (var unit in tree.Units) sink.Accumulator.Touch(unit.Code);
        return IndexScorer.Score(period, catalog, tree, sink.Accumulator.Result());
    }

    private sealed class Sink(EvidenceAccumulator accumulator) : IAuditSink
    {
        private readonly HashSet<string> _procedures = new(StringComparer.Ordinal);
        private readonly HashSet<string> _dossiers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _feedback = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ratings = new(StringComparer.Ordinal);

        public EvidenceAccumulator Accumulator { get; } = accumulator;
        public List<Unit> Units { get; } = [];
        public Dictionary<string, string> FirstReference { get; } = new(StringComparer.Ordinal);

        public void OnUnit(Unit unit, string where) => Units.Add(unit);

        public void OnProcedure(Procedure p, string where)
        {
            Unique(_procedures, p.Code, where, "procedure code");
            Reference(p.UnitCode, where);
            Accumulator.Add(p);
        }

        public void OnDossier(Dossier d, string where)
        {
            Unique(_dossiers, d.Id, where, "dossier id");
            Reference(d.UnitCode, where);
            Accumulator.Add(d);
        }

        public void OnFeedback(FeedbackItem f, string where)
        {
            Unique(_feedback, f.Id, where, "feedback id");
            Reference(f.UnitCode, where);
            Accumulator.Add(f);
        }

        public void OnRating(Rating r, string where, string? id)
        {
            if (id is not null) Unique(_ratings, "id:" + id, where, "rating id", id);
            else Unique(_ratings, "dossier:" + r.DossierId, where, "rating of dossier", r.DossierId);
            Reference(r.UnitCode, where);
            Accumulator.Add(r);
        }

        private void Reference(string unit, string where) => FirstReference.TryAdd(unit, where);

        private static void Unique(HashSet<string> seen, string id, string where, string what, string? shown = null)
        {
            if (!seen.Add(id)) throw new DomainException($"{where}: {what} '{shown ?? id}' appears more than once.");
        }
    }
}
