using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Domain.Catalog;
using Hub.Domain.Evidence;
using Hub.Domain.Periods;
using Hub.Domain.Portal;
using Hub.Domain.Scoring;
using Hub.Domain.Units;
using Hub.Sources.Common;
using Hub.Sources.Portal;

namespace Hub.Simulators.Portal.Evaluation;

/// <summary>The simulated portal's own evaluation of the Ministry's synthetic units for a period. The simulated portal
/// counts its dossiers, procedures, ratings and petitions by the published rules (the same rules the hub applies), so
/// most units agree with the hub; what only the portal has (disclosure updates, the national report's sync
/// denominator, fee procedures, the personal data store...) is generated from the unit code. Two kinds of unit are made
/// to differ on purpose, so that reconciliation has something to find: every fifth unit has dossiers the portal
/// received that never reached the sync feed (TDGQ's denominator is larger), and every seventh counts one dossier
/// more as paid online (TTTT's numerator).</summary>
public sealed class SimulatedEvaluation
{
    public const int ExtraDossiersReceived = 3;

    private SimulatedEvaluation(Period period, UnitTree tree, Dictionary<string, Dictionary<string, MeasureCount>> counts, IndexResult scored)
    {
        Period = period;
        Tree = tree;
        Counts = counts;
        Scored = scored;
    }

    public Period Period { get; }
    public UnitTree Tree { get; }
    /// <summary>Each unit's pooled counts by indicator code, as the portal publishes them.</summary>
    public Dictionary<string, Dictionary<string, MeasureCount>> Counts { get; }
    public IndexResult Scored { get; }

    public static string DepartmentId(string unitCode)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes("department:" + unitCode));
        return new Guid(hash).ToString();
    }

    /// <summary>Units whose published figures differ from what the hub can count, and why (for tests and the demo).</summary>
    public static bool ReceivesUnsyncedDossiers(int index) => index % 5 == 2;
    public static bool CountsAnExtraPayment(int index) => index % 7 == 3;

    public static SimulatedEvaluation Compute(PortalDataSet data, Period period)
    {
        var catalog = IndexCatalogs.Get(IndexCatalogs.Portal);
        var mapper = new PortalMapper(new PersonalDataHasher(Convert.ToBase64String(new byte[32])));
        var units = data.Agencies.Select(a => mapper.MapAgency(Element(a))).Where(m => m.Ok).Select(m => m.Value!).ToList();
        var tree = UnitTree.Build(units);
        var accumulator = new EvidenceAccumulator(period, catalog.Parameters);
        foreach (var u in tree.Units) accumulator.Touch(u.Code);

        var lookedUp = data.PopulationLog.Select(r => r.Record).Where(r => r["TonTai"]?.GetValue<bool>() != false).Concat(data.BusinessLog.Select(r => r.Record))
            .Select(r => r["MaHoSo"]?.GetValue<string>()).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var p in data.Procedures.Select(r => mapper.MapProcedure(Element(r))).Where(m => m.Ok)) accumulator.Add(p.Value!);
        foreach (var latest in data.PortalDossiers.GroupBy(r => r.Id).Select(g => g.MaxBy(r => (r.UpdatedAt, r.Sequence))!))
        {
            var mapped = mapper.MapDossier(Element(latest));
            if (!mapped.Ok || !tree.Contains(mapped.Value!.Dossier.UnitCode)) continue;
            var d = mapped.Value.Dossier;
            accumulator.Add(d with { ReusedData = d.ReusedData || lookedUp.Contains(d.Id) });
        }
        foreach (var r in data.Ratings.Select(r => mapper.MapRating(Element(r))).Where(m => m.Ok && tree.Contains(m.Value!.UnitCode))) accumulator.Add(r.Value!);
        foreach (var f in data.Feedback.Select(r => mapper.MapFeedback(Element(r))).Where(m => m.Ok && tree.Contains(m.Value!.UnitCode))) accumulator.Add(f.Value!);

        // What only the portal knows, per unit's own records, then pooled up the tree like the counted measures.
        var own = tree.Units.ToDictionary(u => u.Code, u => PortalOnly(u.Code, period), StringComparer.Ordinal);
        var pooledPortal = new Dictionary<string, Dictionary<string, MeasureCount>>(StringComparer.Ordinal);
        foreach (var code in tree.BottomUp)
        {
            var sum = new Dictionary<string, MeasureCount>(own[code], StringComparer.Ordinal);
            foreach (var child in tree.ChildrenOf(code))
                foreach (var (k, c) in pooledPortal[child])
                    sum[k] = sum.TryGetValue(k, out var s) ? new MeasureCount(s.Numerator + c.Numerator, s.Denominator + c.Denominator, []) : c;
            // A percentage is not pooled: the certified-copy service is offered everywhere or not.
            sum["ELECTRONIC_CERTIFIED_COPY"] = own[code]["ELECTRONIC_CERTIFIED_COPY"];
            pooledPortal[code] = sum;
        }
        var hubLike = IndexScorer.Score(period, catalog, tree, accumulator.Result(),
            new PortalInputs("simulated", pooledPortal.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, MeasureCount>)kv.Value)));

        var counts = new Dictionary<string, Dictionary<string, MeasureCount>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var unit in hubLike.Units)
        {
            var c = unit.Indicators.Where(i => i.InputsAvailable && i.Numerator is not null)
                .ToDictionary(i => i.Id, i => new MeasureCount(i.Numerator!.Value, i.Denominator!.Value, []), StringComparer.Ordinal);
            if (unit.ParentCode is not null)
            {
                if (ReceivesUnsyncedDossiers(index) && c.TryGetValue("DOSSIER_ON_TIME", out var t))
                    c["DOSSIER_ON_TIME"] = t with { Denominator = t.Denominator + ExtraDossiersReceived };
                if (CountsAnExtraPayment(index) && c.TryGetValue("ONLINE_PAYMENT_DOSSIER", out var p) && p.Numerator < p.Denominator)
                    c["ONLINE_PAYMENT_DOSSIER"] = p with { Numerator = p.Numerator + 1 };
            }
            counts[unit.Code] = c;
            index++;
        }
        var scored = IndexScorer.ScoreRows(period, catalog, tree, (unit, indicator, _) =>
            counts[unit].TryGetValue(indicator.Id, out var c) ? new IndicatorInput(c, "portal") : null);
        return new SimulatedEvaluation(period, tree, counts, scored);
    }

    private static Dictionary<string, MeasureCount> PortalOnly(string unitCode, Period period)
    {
        var seed = BitConverter.ToInt32(MD5.HashData(Encoding.UTF8.GetBytes($"{unitCode}|{period}")));
        var random = new Random(seed);
        MeasureCount Ratio(int minDen, int maxDen, double low)
        {
            var den = random.Next(minDen, maxDen);
            return new MeasureCount((long)Math.Round(den * (low + random.NextDouble() * (1 - low))), den, []);
        }
        var fees = random.Next(2, 12);
        return new Dictionary<string, MeasureCount>(StringComparer.Ordinal)
        {
            ["PUBLIC_UPDATE_ON_TIME"] = Ratio(2, 15, 0.6),
            ["DOSSIER_SYNC"] = Ratio(50, 400, 0.85),
            ["ONLINE_PAYMENT_FORMALITY"] = new(random.Next(0, fees + 1), fees, []),
            ["FEE_FORMALITY_INTEGRATED"] = new(random.Next(0, fees + 1), fees, []),
            ["SYNCED_WITH_DVCQG_PERSONAL_STORAGE"] = Ratio(50, 400, 0.0),
            ["CITIZEN_DATA_CONNECTED_DOSSIER"] = Ratio(50, 400, 0.3),
            ["CITIZEN_DATA_CONNECTED_FORMALITY"] = Ratio(2, 12, 0.2),
            ["ELECTRONIC_CERTIFIED_COPY"] = new(10_000, 10_000, []),
            ["PETITION_HANDLING_SATISFACTION"] = Ratio(0, 6, 0.5),
        };
    }

    private static JsonElement Element(FeedRecord r) => JsonElement.Parse(r.Json);
}
