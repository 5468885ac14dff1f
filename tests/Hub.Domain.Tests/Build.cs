namespace Hub.Domain.Tests;

/// <summary>Small builders for hand-computed cases. Times are Vietnam local unless a test says otherwise.</summary>
internal static class Build
{
    public static readonly Period Q3 = Period.OfQuarter(2026, 3);
    public static readonly IndexCatalog Catalog = IndexCatalogs.Get("766-2022");

    public static DateTimeOffset Local(int month, int day, int hour = 9, int minute = 0, int second = 0, int year = 2026) =>
        new(year, month, day, hour, minute, second, VietnamTime.Offset);

    public static Dossier Dossier(string id, string unit = "U", string procedure = "P1", Channel channel = Channel.Direct,
        DateTimeOffset? received = null, DateTimeOffset? due = null, DateTimeOffset? finished = null, DateTimeOffset? synced = null,
        bool fee = false, bool paidOnline = false, bool digitized = false, bool electronicResult = false, bool reused = false) =>
        new(id, unit, procedure, channel, received ?? Local(7, 10), due, finished, synced, fee, paidOnline, digitized, electronicResult, reused);

    public static Procedure Procedure(string code, string unit = "U", OnlineLevel level = OnlineLevel.None, bool complete = true,
        DateTimeOffset? from = null, DateTimeOffset? to = null, DateTimeOffset? decision = null, DateTimeOffset? published = null) =>
        new(code, unit, from ?? Local(1, 1, year: 2025), to, decision, published, complete, level);

    public static UnitTree Tree(params (string Code, string? Parent)[] units) =>
        UnitTree.Build(units.Select(u => new Unit(u.Code, "Unit " + u.Code, u.Parent)));

    /// <summary>Counts the records and scores them over the given tree (default: one unit "U").</summary>
    public static IndexResult Score(IEnumerable<object> records, UnitTree? tree = null, IndexCatalog? catalog = null, Period? period = null, int sample = 10)
    {
        tree ??= Tree(("U", null));
        catalog ??= Catalog;
        var acc = new EvidenceAccumulator(period ?? Q3, catalog.Parameters, sample);
        foreach (var r in records)
        {
            switch (r)
            {
                case Dossier d: acc.Add(d); break;
                case Procedure p: acc.Add(p); break;
                case FeedbackItem f: acc.Add(f); break;
                case Rating x: acc.Add(x); break;
                default: throw new ArgumentException(r.GetType().Name);
            }
        }
        foreach (var u in tree.Units) acc.Touch(u.Code);
        return IndexScorer.Score(period ?? Q3, catalog, tree, acc.Result(), sample);
    }

    public static IndicatorResult Indicator(this IndexResult result, string id, string unit = "U") =>
        result.Units.Single(u => u.Code == unit).Indicators.Single(i => i.Id == id);

    public static UnitResult Unit(this IndexResult result, string code = "U") => result.Units.Single(u => u.Code == code);
}
