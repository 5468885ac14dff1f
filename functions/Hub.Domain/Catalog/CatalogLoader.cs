using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Domain.Catalog;

/// <summary>Reads a catalog file and validates it: points add up, formulas and measures are known, ids unique.
/// Every problem found is reported at once, so a methodology author fixes the file in one pass.</summary>
public static class CatalogLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IndexCatalog Parse(string json, string source = "catalog")
    {
        CatalogFile? file;
        try { file = JsonSerializer.Deserialize<CatalogFile>(json, Json); }
        catch (JsonException e) { throw new DomainException($"{source}: not a valid catalog file: {e.Message}"); }
        if (file is null) throw new DomainException($"{source}: empty catalog file.");
        return Validate(file, source);
    }

    private static IndexCatalog Validate(CatalogFile file, string source)
    {
        var errors = new List<string>();
        const double tolerance = 1e-9;
        if (string.IsNullOrWhiteSpace(file.Version)) errors.Add("'version' is required");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<IndicatorGroup>();
        foreach (var g in file.Groups ?? [])
        {
            if (string.IsNullOrWhiteSpace(g.Id) || !ids.Add("group:" + g.Id)) errors.Add($"group id '{g.Id}' is missing or duplicated");
            if (g.Max <= 0) errors.Add($"group {g.Id}: 'max' must be positive");
            var indicators = new List<Indicator>();
            foreach (var i in g.Indicators ?? [])
            {
                var where = $"indicator {i.Id}";
                if (string.IsNullOrWhiteSpace(i.Id) || !ids.Add(i.Id)) errors.Add($"indicator id '{i.Id}' is missing or duplicated");
                if (i.Points <= 0) errors.Add($"{where}: 'points' must be positive");
                var parts = new List<IndicatorPart>();
                if (i.Parts is { Count: > 0 })
                {
                    if (i.Measure is not null || i.Formula is not null) errors.Add($"{where}: give either 'measure'/'formula' or 'parts', not both");
                    foreach (var p in i.Parts) parts.Add(ToPart(p.Measure, p.Points, p.Formula, p.EmptyDenominator ?? i.EmptyDenominator, where, errors));
                    var sum = parts.Sum(p => p.Points);
                    if (Math.Abs(sum - i.Points) > tolerance)
                        errors.Add($"{where}: parts add up to {Fmt(sum)} points but the indicator has {Fmt(i.Points)}");
                }
                else
                {
                    parts.Add(ToPart(i.Measure, i.Points, i.Formula, i.EmptyDenominator, where, errors));
                }
                indicators.Add(new Indicator(i.Id, i.Name ?? i.Id, i.Points, parts));
            }
            if (indicators.Count == 0) errors.Add($"group {g.Id}: has no indicators");
            var points = indicators.Sum(i => i.Points);
            if (Math.Abs(points - g.Max) > tolerance)
                errors.Add($"group {g.Id}: indicators add up to {Fmt(points)} points but the group max is {Fmt(g.Max)}");
            groups.Add(new IndicatorGroup(g.Id, g.Name ?? g.Id, g.Max, indicators));
        }
        if (groups.Count == 0) errors.Add("'groups' is required");
        var total = groups.Sum(g => g.Max);
        if (groups.Count > 0 && Math.Abs(total - 100) > tolerance) errors.Add($"group maxima add up to {Fmt(total)}, not 100");

        var bands = (file.Bands ?? DefaultBands).Select(b => new Band(b.Name, b.Min)).ToList();
        for (var k = 1; k < bands.Count; k++)
            if (bands[k].Min >= bands[k - 1].Min) errors.Add("bands must be listed from the highest minimum to the lowest");
        if (bands.Count == 0 || bands[^1].Min > 0) errors.Add("the last band must have min 0 so every total gets a band");

        var parameters = new CatalogParameters(file.Parameters?.PublicationDeadlineDays ?? 5, file.Parameters?.SyncLagHours ?? 24);
        if (parameters.PublicationDeadlineDays < 0) errors.Add("parameters.publicationDeadlineDays must not be negative");
        if (parameters.SyncLagHours <= 0) errors.Add("parameters.syncLagHours must be positive");

        var rules = ScoringRules.Rescaled;
        if (file.Scoring is { } scoring)
        {
            var rounding = scoring.Rounding ?? "none";
            if (rounding is not ("none" or "halfUp2PerIndicator")) errors.Add($"scoring.rounding '{rounding}' is unknown (known: none, halfUp2PerIndicator)");
            rules = new ScoringRules(rounding == "halfUp2PerIndicator", scoring.Rescale ?? true);
        }

        if (errors.Count > 0) throw new DomainException($"{source} ({file.Version}) is invalid: {string.Join("; ", errors)}.");
        return new IndexCatalog(file.Version!, file.Title ?? file.Version!, parameters, bands, groups, rules);
    }

    private static IndicatorPart ToPart(string? measure, double points, FormulaFile? formula, string? empty, string where, List<string> errors)
    {
        if (measure is null || !Measures.IsKnown(measure)) errors.Add($"{where}: unknown measure '{measure}' (known: {string.Join(", ", Measures.All)})");
        Formula parsed = new Formula.Ratio();
        switch (formula?.Kind ?? "ratio")
        {
            case "ratio": break;
            case "thresholdedRatio":
                if (formula!.Threshold is not (> 0 and <= 1)) errors.Add($"{where}: thresholdedRatio needs 'threshold' in (0, 1]");
                else parsed = new Formula.ThresholdedRatio(formula.Threshold.Value);
                break;
            case "cappedLinear":
                if (formula!.K is not > 0) errors.Add($"{where}: cappedLinear needs a positive 'k'");
                else parsed = new Formula.CappedLinear(formula.K.Value, formula.Cap);
                break;
            default:
                errors.Add($"{where}: unknown formula '{formula!.Kind}' (known: ratio, thresholdedRatio, cappedLinear)");
                break;
        }
        var policy = (empty ?? "notApplicable") switch
        {
            "notApplicable" => EmptyDenominatorPolicy.NotApplicable,
            "full" => EmptyDenominatorPolicy.Full,
            "zero" => EmptyDenominatorPolicy.Zero,
            var other => Invalid(other),
        };
        return new IndicatorPart(measure ?? "", points, parsed, policy);

        EmptyDenominatorPolicy Invalid(string other)
        {
            errors.Add($"{where}: unknown emptyDenominator '{other}' (known: notApplicable, full, zero)");
            return EmptyDenominatorPolicy.NotApplicable;
        }
    }

    private static string Fmt(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);

    private static readonly List<BandFile> DefaultBands = [new("Tốt", 80), new("Khá", 65), new("Trung bình", 50), new("Yếu", 0)];

    private sealed record CatalogFile(string? Version, string? Title, ParametersFile? Parameters, List<BandFile>? Bands, List<GroupFile>? Groups, ScoringFile? Scoring)
    {
        [JsonPropertyName("$schema")] public string? Schema { get; init; }
        public string? Description { get; init; }
    }
    private sealed record ScoringFile(string? Rounding, bool? Rescale);
    private sealed record ParametersFile(int? PublicationDeadlineDays, double? SyncLagHours);
    private sealed record BandFile(string Name, double Min);
    private sealed record GroupFile(string Id, string? Name, double Max, List<IndicatorFile>? Indicators);
    private sealed record IndicatorFile(string Id, string? Name, double Points, string? Measure, FormulaFile? Formula, string? EmptyDenominator, List<PartFile>? Parts);
    private sealed record PartFile(string? Measure, double Points, FormulaFile? Formula, string? EmptyDenominator);
    private sealed record FormulaFile(string? Kind, double? Threshold, double? K, double? Cap);
}
