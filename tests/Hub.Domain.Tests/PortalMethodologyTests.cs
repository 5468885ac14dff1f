using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hub.Domain.Portal;

namespace Hub.Domain.Tests;

/// <summary>766-portal against what the national portal published for Phú Thọ (tests/fixtures/portal-counts,
/// provenance there): every unit with inputs, in every group, in both periods.</summary>
public class PortalMethodologyTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "portal-counts");
    private static readonly IndexCatalog Catalog = IndexCatalogs.Get(IndexCatalogs.Portal);
    private static readonly string[] GroupCodes = ["CKMB", "TDGQ", "ONLINE", "TTTT", "MDSH", "MDHL"];

    public static TheoryData<string, string, string> GroupsAndPeriods()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (period, tag) in new[] { ("2026-08", "month"), ("2026", "year") })
            foreach (var g in GroupCodes) data.Add(period, tag, g);
        return data;
    }

    private static readonly Dictionary<string, IndexResult> Results = new();

    private static IndexResult Recomputed(string period)
    {
        lock (Results)
        {
            if (!Results.TryGetValue(period, out var r)) Results[period] = r = CountsRecompute.Run(Fixtures, Period.Parse(period), Catalog);
            return r;
        }
    }

    private static JsonElement Load(string file) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures, file))).RootElement;

    [Fact]
    public void The_catalog_has_the_portal_groups_and_maxima()
    {
        Assert.Equal(GroupCodes, Catalog.Groups.Select(g => g.Id));
        Assert.Equal([18.0, 20, 12, 10, 22, 18], Catalog.Groups.Select(g => g.Max));
        Assert.False(Catalog.Rules.Rescale);
        Assert.True(Catalog.Rules.RoundPointsHalfUp2);
    }

    [Theory]
    [MemberData(nameof(GroupsAndPeriods))]
    public void Every_unit_with_inputs_reproduces_the_published_points_and_group_score(string period, string tag, string group)
    {
        var result = Recomputed(period).Units.ToDictionary(u => u.Code);
        var inputs = Load($"{group}-{tag}.json").GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!);
        int checkedGroups = 0, checkedIndicators = 0;
        foreach (var expected in Load($"expected-{group}-{tag}.json").GetProperty("units").EnumerateArray())
        {
            var code = expected.GetProperty("code").GetString()!;
            var unit = result[code];
            var score = unit.Groups.Single(g => g.Id == group).Score;
            var input = inputs[code];
            var hasInputs = !(input.TryGetProperty("inputsAvailable", out var a) && a.ValueKind == JsonValueKind.False);
            var partial = input.TryGetProperty("partialInputs", out var pi) && pi.ValueKind == JsonValueKind.True;
            if (!hasInputs || partial)
            {
                // Never a copy of the published figure: what the counts do not carry is not scored.
                Assert.Null(score);
                continue;
            }
            var published = expected.GetProperty("groupScore").GetDouble();
            Assert.True(score is { } s && Math.Abs(s - published) <= 0.015, $"{period} {group} {code}: hub {score}, portal {published}");
            checkedGroups++;
            foreach (var indicator in expected.GetProperty("indicators").EnumerateObject())
            {
                var mine = unit.Indicators.SingleOrDefault(i => i.Id == indicator.Name);
                if (mine is null)
                {
                    // Shown by the portal, never scored (PETITION_CLASSIFICATION_*): not in the catalog.
                    Assert.Equal(0, indicator.Value.GetProperty("maxPoints").GetDouble());
                    continue;
                }
                var points = indicator.Value.GetProperty("points");
                if (points.ValueKind == JsonValueKind.Null) { Assert.Null(mine.Points); continue; }
                Assert.True(mine.Points is { } p && Math.Abs(p - points.GetDouble()) <= 0.015,
                    $"{period} {code} {indicator.Name}: hub {mine.Points} ({mine.Numerator}/{mine.Denominator}), portal {points.GetDouble()}");
                checkedIndicators++;
            }
        }
        Assert.True(checkedGroups > 0, "nothing was compared");
        if (group is not ("ONLINE" or "TTTT")) Assert.True(checkedIndicators >= checkedGroups); // these two publish group scores only
    }

    [Theory]
    [InlineData("2026-08", "month")]
    [InlineData("2026", "year")]
    public void Totals_are_the_sum_of_six_groups_when_all_are_scored(string period, string tag)
    {
        var result = Recomputed(period).Units.ToDictionary(u => u.Code);
        var compared = 0;
        foreach (var expected in Load($"expected-TOTAL-{tag}.json").GetProperty("units").EnumerateArray())
        {
            var unit = result[expected.GetProperty("code").GetString()!];
            if (unit.Groups.Any(g => g.Score is null)) { Assert.Null(unit.Total); Assert.Null(unit.Band); continue; }
            Assert.True(Math.Abs(unit.Total!.Value - expected.GetProperty("total").GetDouble()) <= 0.02, $"{unit.Code}: {unit.Total}");
            compared++;
        }
        Assert.Equal(1, compared); // only the province row carries ONLINE's inputs
        Assert.Equal("H44", result.Values.Single(u => u.Total is not null).Code);
    }

    [Fact]
    public void Edge_cases_of_the_published_data()
    {
        var year = Recomputed("2026").Units.ToDictionary(u => u.Code);
        var month = Recomputed("2026-08").Units.ToDictionary(u => u.Code);
        IndicatorResult I(Dictionary<string, UnitResult> r, string unit, string code) => r[unit].Indicators.Single(i => i.Id == code);

        // Zero dossiers: TDGQ 0/0 scores 0 (not null); no petitions: full points; no ratings: 0.
        var zero = I(month, "H44.01", "DOSSIER_ON_TIME");
        Assert.Equal((0L, 0L, 0.0), (zero.Numerator!.Value, zero.Denominator!.Value, zero.Points!.Value));
        Assert.Equal(6, I(month, "H44.01", "PETITION_PROCESSING_ON_TIME").Points);
        Assert.Equal(6, I(month, "H44.01", "PETITION_HANDLING_SATISFACTION").Points);
        // The month's CKMB has two 0/0 indicators everywhere: null, adding 0, the group still out of 18.
        Assert.Null(I(month, "H44", "PUBLISH_ON_TIME").Points);
        Assert.Equal(18, month["H44"].Groups.Single(g => g.Id == "CKMB").Max);
        // ONLINE child rows publish a score but no inputs: not scored, so no total.
        Assert.Null(year["H44.07"].Groups.Single(g => g.Id == "ONLINE").Score);
        Assert.Null(year["H44.07"].Total);
        // Every indicator says where its counts came from.
        Assert.All(year["H44"].Indicators.Where(i => i.InputsAvailable), i => Assert.Equal("counts", i.Source));
    }

    [Fact]
    public void Rules_at_their_edges()
    {
        // A one-unit catalog run with chosen counts: caps, thresholds and 0 vs null policies.
        var tree = UnitTree.Build([new Unit("U", "U", null)]);
        var counts = new Dictionary<string, MeasureCount>
        {
            ["ONLINE_PAYMENT_FORMALITY"] = new(12, 13, []),          // 2.5 x 0.923 = 2.31 -> capped at 2
            ["DOSSIER_RECEIVING_SATISFACTION"] = new(3637, 4041, []), // 90.002 % -> 6
            ["PETITION_PROCESSING_ON_TIME"] = new(0, 2, []),         // small denominator: 0, not null
            ["ONLINE_SERVICE_PROVIDED"] = new(0, 0, []),             // zero policy
            ["ORIGINAL_RESULT_AVAILABLE"] = new(0, 0, []),           // null policy
        };
        var result = IndexScorer.ScoreRows(Period.OfYear(2026), Catalog, tree,
            (_, indicator, _) => counts.TryGetValue(indicator.Id, out var c) ? new IndicatorInput(c, "test") : new IndicatorInput(new MeasureCount(1, 1, []), "test"));
        var u = result.Units.Single().Indicators.ToDictionary(i => i.Id);
        Assert.Equal(2, u["ONLINE_PAYMENT_FORMALITY"].Points);
        Assert.Equal(6, u["DOSSIER_RECEIVING_SATISFACTION"].Points);
        Assert.Equal(0, u["PETITION_PROCESSING_ON_TIME"].Points);
        Assert.Equal(0, u["ONLINE_SERVICE_PROVIDED"].Points);
        Assert.Null(u["ORIGINAL_RESULT_AVAILABLE"].Points);
        var mdsh = result.Units.Single().Groups.Single(g => g.Id == "MDSH");
        Assert.Equal(16, mdsh.Score); // 22 - the null indicator's 6: no rescaling
    }

    [Fact]
    public void A_partial_capture_without_the_province_row_and_half_its_rows_scores_every_row_from_its_own_counts()
    {
        // The capture as the portal's data often come: the province's row missing (its agencies' rows name it as their
        // parent), and only every other of the remaining rows.
        var dir = Directory.CreateTempSubdirectory("partial-").FullName;
        try
        {
            var kept = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(Fixtures, "*-month.json").Where(f => !Path.GetFileName(f).StartsWith("expected-", StringComparison.Ordinal)))
            {
                var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
                var units = doc["units"]!.AsArray();
                var codes = units.Select(u => (string)u!["code"]!).Order(StringComparer.Ordinal).ToList();
                var keep = codes.Where((c, i) => c != "H44" && i % 2 == 0).ToHashSet(StringComparer.Ordinal);
                foreach (var u in units.ToList()) if (!keep.Contains((string)u!["code"]!)) units.Remove(u);
                kept.UnionWith(keep);
                File.WriteAllText(Path.Combine(dir, Path.GetFileName(file)), doc.ToJsonString());
            }
            var full = Recomputed("2026-08").Units.ToDictionary(u => u.Code);
            var partial = CountsRecompute.Run(dir, Period.Parse("2026-08"), Catalog);

            Assert.Equal(kept.Order(StringComparer.Ordinal), partial.Units.Select(u => u.Code).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(partial.Units, u => u.Code == "H44");
            foreach (var unit in partial.Units)
            {
                // Every row's own figures are those of the full capture (which reproduce the published ones).
                Assert.Equal(full[unit.Code].Groups.Select(g => g.Score), unit.Groups.Select(g => g.Score));
                Assert.Equal(full[unit.Code].ParentCode, unit.ParentCode); // the parent it names is kept, not invented away
            }
            // Rows naming the absent province are roots of the capture, ranked among themselves, and the result says so.
            var orphans = partial.Units.Where(u => u.ParentCode == "H44").ToList();
            Assert.NotEmpty(orphans);
            var note = Assert.Single(partial.Notes!);
            Assert.Contains($"{orphans.Count} row(s) name a parent absent from the capture", note);
            Assert.Contains("(parent H44)", note);
            var ranked = orphans.Where(o => o.Rank is not null).OrderBy(o => o.Rank).ToList();
            Assert.Equal(Enumerable.Range(1, ranked.Count), ranked.Select(o => o.Rank!.Value));
            Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Total >= p.Second.Total || p.Second.Total is null));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Malformed_files_are_refused_naming_file_unit_and_field()
    {
        var dir = Directory.CreateTempSubdirectory("counts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "TDGQ-month.json"), """
            {"format":"qd766-canonical/1","group":"TDGQ","period":{"type":"month","value":"2026-08"},
             "units":[{"code":"H44","name":"P","parentCode":null,"indicators":{"DOSSIER_ON_TIME":{"numerator":"12","denominator":20}}}]}
            """);
            var e = Assert.Throws<DomainException>(() => CountsRecompute.Run(dir, Period.Parse("2026-08"), Catalog));
            Assert.Contains("TDGQ-month.json", e.Message);
            Assert.Contains("unit H44", e.Message);
            Assert.Contains("indicators.DOSSIER_ON_TIME.numerator", e.Message);

            File.WriteAllText(Path.Combine(dir, "TDGQ-month.json"), """{"format":"qd766-canonical/1","group":"XYZ","period":{"type":"month","value":"2026-08"},"units":[]}""");
            Assert.Contains("'group' is 'XYZ'", Assert.Throws<DomainException>(() => CountsRecompute.Run(dir, Period.Parse("2026-08"), Catalog)).Message);

            var none = Assert.Throws<DomainException>(() => CountsRecompute.Run(dir, Period.Parse("2026-07"), Catalog));
            Assert.Contains("no group file of period 2026-07", none.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    // Rounding half up at x.xx5, in the decimal the portal means, whatever the double happens to hold.
    [Property(MaxTest = 200)]
    public bool Rounding_is_half_up_at_the_third_decimal(PositiveInt hundredths, bool exactHalf)
    {
        var cents = hundredths.Get % 100_000;
        var value = cents / 100.0 + (exactHalf ? 0.005 : 0.004);
        var rounded = Rounding.HalfUp2(value);
        var expected = (cents + (exactHalf ? 1 : 0)) / 100.0;
        return Math.Abs(rounded - expected) < 1e-9;
    }

    [Property(MaxTest = 200)]
    public bool Points_never_exceed_the_cap_and_a_zero_denominator_follows_its_policy(NonNegativeInt a, NonNegativeInt b)
    {
        var den = b.Get % 5000;
        var num = den == 0 ? 0 : a.Get % (den + 1);
        var tree = UnitTree.Build([new Unit("U", "U", null)]);
        var result = IndexScorer.ScoreRows(Period.OfYear(2026), Catalog, tree, (_, _, _) => new IndicatorInput(new MeasureCount(num, den, []), "test")).Units.Single();
        foreach (var i in result.Indicators)
        {
            var indicator = Catalog.Indicators.Single(x => x.Id == i.Id);
            if (i.Points is { } p && (p < 0 || p > i.Max)) return false;
            if (i.Points is { } q && Math.Round(q, 2) != q) return false;
            if (den == 0 && (indicator.Parts[0].EmptyDenominator switch
                {
                    EmptyDenominatorPolicy.Full => i.Points != i.Max,
                    EmptyDenominatorPolicy.Zero => i.Points != 0,
                    _ => i.Points is not null,
                })) return false;
        }
        return result.Total is { } t && t >= 0 && t <= 100 && Math.Abs(t - result.Groups.Sum(g => g.Score!.Value)) < 1e-9;
    }
}
