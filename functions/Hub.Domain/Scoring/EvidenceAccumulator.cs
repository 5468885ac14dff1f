using Hub.Domain.Catalog;
using Hub.Domain.Evidence;
using Hub.Domain.Periods;

namespace Hub.Domain.Scoring;

/// <summary>Counts records into per-unit evidence for one period, in one streaming pass, in any order.
/// The rules are those of methodology 766 (docs/methodology-766-2022.md); the catalog's parameters tune them.</summary>
public sealed class EvidenceAccumulator(Period period, CatalogParameters parameters, int sampleSize = EvidenceAccumulator.DefaultSampleSize)
{
    public const int DefaultSampleSize = 10;

    private static readonly int MeasureCount = Measures.All.Count;
    private static readonly int PublishedOnTime = Measures.SlotOf(Measures.ProceduresPublishedOnTime);
    private static readonly int Complete = Measures.SlotOf(Measures.ProceduresComplete);
    private static readonly int OfferedOnline = Measures.SlotOf(Measures.ProceduresOfferedOnline);
    private static readonly int SyncedInTime = Measures.SlotOf(Measures.DossiersSyncedInTime);
    private static readonly int FinishedOnTime = Measures.SlotOf(Measures.DossiersFinishedOnTime);
    private static readonly int OpenNotOverdue = Measures.SlotOf(Measures.DossiersOpenNotOverdue);
    private static readonly int HandledOnTime = Measures.SlotOf(Measures.DossiersHandledOnTime);
    private static readonly int PaidOnline = Measures.SlotOf(Measures.DossiersPaidOnline);
    private static readonly int Digitized = Measures.SlotOf(Measures.DossiersDigitizedAtReception);
    private static readonly int ElectronicResult = Measures.SlotOf(Measures.DossiersElectronicResult);
    private static readonly int ReusedData = Measures.SlotOf(Measures.DossiersReusedData);
    private static readonly int FeedbackOnTime = Measures.SlotOf(Measures.FeedbackAnsweredOnTime);
    private static readonly int Satisfied = Measures.SlotOf(Measures.RatingsSatisfied);

    private readonly Dictionary<string, Tally> _units = new(StringComparer.Ordinal);
    private readonly TimeSpan _syncLag = TimeSpan.FromHours(parameters.SyncLagHours);

    public Period Period { get; } = period;

    public void Add(Procedure p)
    {
        var t = TallyOf(p.UnitCode);
        if (p.IsOnline) t.OnlineProcedures.Add(p.Code);
        var active = p.EffectiveFrom < Period.End && (p.EffectiveTo is null || p.EffectiveTo > Period.Start);
        if (!active) return;
        if (p.DecisionEffectiveAt is { } effective)
            t.Count(PublishedOnTime, IsPublishedOnTime(p.PublishedAt, effective), p.Code, p.Code);
        t.Count(Complete, p.Complete, p.Code, p.Code);
        t.Count(OfferedOnline, p.IsOnline, p.Code, p.Code);
        if (p.IsOnline) t.ActiveOnlineProcedures.Add(p.Code);
    }

    public void Add(Dossier d)
    {
        var t = TallyOf(d.UnitCode);
        if (Period.Contains(d.ReceivedAt))
        {
            t.Count(SyncedInTime, d.PortalSyncedAt is { } synced && synced - d.ReceivedAt <= _syncLag, d.Id, d.ProcedureCode);
            var online = d.Channel == Channel.Online;
            t.Intake(d.ProcedureCode, online, d.Id);
            if (online) t.ProceduresFiledOnline.Add(d.ProcedureCode);
            if (d.FeeRequired) t.Count(PaidOnline, d.PaidOnline, d.Id, d.ProcedureCode);
            if (!online) t.Count(Digitized, d.Digitized, d.Id, d.ProcedureCode);
            t.Count(ReusedData, d.ReusedData, d.Id, d.ProcedureCode);
        }
        if (d.FinishedAt is { } finished && Period.Contains(finished))
        {
            var onTime = IsOnTime(d.ReceivedAt, d.DueAt, finished);
            t.Count(FinishedOnTime, onTime, d.Id, d.ProcedureCode);
            t.Count(HandledOnTime, onTime, d.Id, d.ProcedureCode);
            t.Count(ElectronicResult, d.ElectronicResult, d.Id, d.ProcedureCode);
        }
        if (d.ReceivedAt < Period.End && (d.FinishedAt is null || d.FinishedAt >= Period.End))
        {
            // The portal's TDGQ: dossiers handled in the period (finished in it, or still open at its end), on time
            // when finished by the due date or, still open, not yet past it.
            var notOverdue = d.DueAt is null || d.DueAt >= Period.End;
            t.Count(OpenNotOverdue, notOverdue, d.Id, d.ProcedureCode);
            t.Count(HandledOnTime, notOverdue, d.Id, d.ProcedureCode);
        }
    }

    public void Add(FeedbackItem f)
    {
        if (!Period.Contains(f.DueAt)) { TallyOf(f.UnitCode); return; }
        TallyOf(f.UnitCode).Count(FeedbackOnTime, f.AnsweredAt is { } answered && answered <= f.DueAt, f.Id);
    }

    public void Add(Rating r)
    {
        if (!Period.Contains(r.RatedAt)) { TallyOf(r.UnitCode); return; }
        TallyOf(r.UnitCode).Count(Satisfied, r.IsSatisfied, r.DossierId);
    }

    /// <summary>Makes sure a unit with no records still yields (empty) evidence.</summary>
    public void Touch(string unitCode) => TallyOf(unitCode);

    public IReadOnlyList<UnitEvidence> Result() =>
        _units.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.ToEvidence(kv.Key)).ToList();

    /// <summary>On time: finished no later than due; with no due date, finished the same Vietnam day it was received.</summary>
    public static bool IsOnTime(DateTimeOffset receivedAt, DateTimeOffset? dueAt, DateTimeOffset finishedAt) =>
        dueAt is { } due ? finishedAt <= due : VietnamTime.LocalDate(finishedAt) == VietnamTime.LocalDate(receivedAt);

    /// <summary>Published within the deadline, counted in Vietnam calendar days after the decision takes effect.</summary>
    public bool IsPublishedOnTime(DateTimeOffset? publishedAt, DateTimeOffset decisionEffectiveAt) =>
        publishedAt is { } published &&
        VietnamTime.LocalDate(published).DayNumber - VietnamTime.LocalDate(decisionEffectiveAt).DayNumber <= parameters.PublicationDeadlineDays;

    private Tally TallyOf(string unitCode)
    {
        if (!_units.TryGetValue(unitCode, out var t)) _units[unitCode] = t = new Tally(sampleSize);
        return t;
    }

    private sealed class Tally(int sampleSize)
    {
        private readonly long[] _num = new long[MeasureCount];
        private readonly long[] _den = new long[MeasureCount];
        private readonly MissSample?[] _missed = new MissSample?[MeasureCount];
        private readonly Dictionary<string, (long Received, long Online, MissSample NotOnline)> _intake = new(StringComparer.Ordinal);

        public SortedSet<string> OnlineProcedures { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> ActiveOnlineProcedures { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> ProceduresFiledOnline { get; } = new(StringComparer.Ordinal);

        // Per procedure code: numerator and denominator of each measure, side by side (slot * 2, slot * 2 + 1).
        private readonly Dictionary<string, long[]> _byProcedure = new(StringComparer.Ordinal);

        public void Count(int slot, bool hit, string id, string? procedureCode = null)
        {
            _den[slot]++;
            if (hit) _num[slot]++;
            else (_missed[slot] ??= new MissSample(sampleSize)).Add(id);
            if (procedureCode is null) return;
            if (!_byProcedure.TryGetValue(procedureCode, out var pair)) _byProcedure[procedureCode] = pair = new long[MeasureCount * 2];
            pair[slot * 2 + 1]++;
            if (hit) pair[slot * 2]++;
        }

        public void Intake(string procedureCode, bool online, string id)
        {
            if (!_intake.TryGetValue(procedureCode, out var entry)) entry = (0, 0, new MissSample(sampleSize));
            if (!online) entry.NotOnline.Add(id);
            _intake[procedureCode] = (entry.Received + 1, entry.Online + (online ? 1 : 0), entry.NotOnline);
        }

        public UnitEvidence ToEvidence(string unitCode)
        {
            var counts = new SortedDictionary<string, MeasureCount>(StringComparer.Ordinal);
            for (var slot = 0; slot < MeasureCount; slot++)
                if (_den[slot] > 0) counts[Measures.All[slot]] = new MeasureCount(_num[slot], _den[slot], _missed[slot]?.ToList() ?? []);
            return new UnitEvidence
            {
                UnitCode = unitCode,
                Counts = counts,
                OnlineProcedures = [.. OnlineProcedures],
                ActiveOnlineProcedures = [.. ActiveOnlineProcedures],
                ProceduresFiledOnline = [.. ProceduresFiledOnline],
                IntakeByProcedure = new SortedDictionary<string, ProcedureIntake>(
                    _intake.ToDictionary(kv => kv.Key, kv => new ProcedureIntake(kv.Value.Received, kv.Value.Online, kv.Value.NotOnline.ToList())),
                    StringComparer.Ordinal),
                ByProcedure = new SortedDictionary<string, IReadOnlyDictionary<string, ProcedureCount>>(
                    _byProcedure.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, ProcedureCount>)PairsOf(kv.Value)), StringComparer.Ordinal),
            };
        }

        private static SortedDictionary<string, ProcedureCount> PairsOf(long[] pair)
        {
            var result = new SortedDictionary<string, ProcedureCount>(StringComparer.Ordinal);
            for (var slot = 0; slot < MeasureCount; slot++)
                if (pair[slot * 2 + 1] > 0) result[Measures.All[slot]] = new ProcedureCount(pair[slot * 2], pair[slot * 2 + 1]);
            return result;
        }
    }
}
