using System.Globalization;
using System.Text.Json;
using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Domain.Units;

namespace Hub.Domain.Portal;

/// <summary>The group files of one period in the source-neutral format <c>qd766-canonical/1</c>
/// (docs/methodology-766-portal.md): per unit and indicator code, the numerator and denominator the portal published.
/// <c>expected-*</c> files are the published scores, not inputs, and are never read here.</summary>
public sealed class CountsFolder
{
    public const string Format = "qd766-canonical/1";

    /// <summary>Source of every input read from a counts folder.</summary>
    public const string Source = "counts";

    private readonly Dictionary<string, Dictionary<string, MeasureCount?>> _inputs = new(StringComparer.Ordinal); // unit -> code -> count (null: not published)
    private readonly List<Unit> _units = [];

    private CountsFolder(Period period) => Period = period;

    public Period Period { get; }

    /// <summary>Groups present in the folder for the period (by the portal's group code).</summary>
    public SortedSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>The capture's rows as a tree: a row whose parent row is not in the folder (the portal's data are often
    /// partial) is a root of the capture, scored from its own counts like every row.</summary>
    public UnitTree Tree => UnitTree.Build(_units, absentParentsAreRoots: true);

    /// <summary>Reads every <c>GROUP-*.json</c> of the folder whose header names the period. Every error names the
    /// file, the unit and the field.</summary>
    public static CountsFolder Read(string directory, Period period, IndexCatalog catalog)
    {
        if (!Directory.Exists(directory)) throw new DomainException($"Counts folder not found: {directory}");
        var folder = new CountsFolder(period);
        var seenUnits = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var files = Directory.GetFiles(directory, "*.json").Where(f => !Path.GetFileName(f).StartsWith("expected-", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var file in files)
            folder.ReadFile(file, period, catalog, seenUnits);
        if (folder.Groups.Count == 0) throw new DomainException($"{directory}: no group file of period {period} (format {Format}).");
        return folder;
    }

    /// <summary>The input of one unit's indicator: null when the file does not carry it (a group without inputs,
    /// a null numerator or denominator, a group file missing from the folder).</summary>
    public IndicatorInput? Find(string unitCode, string indicatorCode) =>
        _inputs.TryGetValue(unitCode, out var codes) && codes.TryGetValue(indicatorCode, out var count) && count is not null
            ? new IndicatorInput(count, Source)
            : null;

    private void ReadFile(string path, Period period, IndexCatalog catalog, Dictionary<string, Unit> seenUnits)
    {
        var name = Path.GetFileName(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (JsonException e) { throw new DomainException($"{name}: not valid JSON ({e.Message})."); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DomainException($"{name}: the file must hold one JSON object.");
            var format = OptionalString(root, "format", name);
            if (format != Format) throw new DomainException($"{name}: field 'format' is '{format}', expected '{Format}'.");
            if (!root.TryGetProperty("period", out var p) || p.ValueKind != JsonValueKind.Object || OptionalString(p, "value", name) is not { } value)
                throw new DomainException($"{name}: field 'period.value' is missing.");
            if (!Period.TryParse(value, out var filePeriod, out var error)) throw new DomainException($"{name}: field 'period.value': {error}");
            if (OptionalString(p, "type", name) is { } type && type != filePeriod.KindName)
                throw new DomainException($"{name}: field 'period.type' is '{type}' but 'period.value' {value} is a {filePeriod.KindName}.");
            if (filePeriod != period) return; // a file of another period in the same folder
            var group = OptionalString(root, "group", name) ?? throw new DomainException($"{name}: field 'group' is missing.");
            var catalogGroup = catalog.Groups.FirstOrDefault(g => g.Id == group)
                ?? throw new DomainException($"{name}: field 'group' is '{group}', not a group of {catalog.Version} ({string.Join(", ", catalog.Groups.Select(g => g.Id))}).");
            if (!Groups.Add(group)) throw new DomainException($"{name}: a second file for group {group} of period {period}.");
            if (!root.TryGetProperty("units", out var units) || units.ValueKind != JsonValueKind.Array) throw new DomainException($"{name}: field 'units' must be an array.");

            var codesInFile = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var u in units.EnumerateArray())
            {
                var where = $"{name}: units[{index++}]";
                if (u.ValueKind != JsonValueKind.Object) throw new DomainException($"{where}: must be an object.");
                var code = OptionalString(u, "code", where);
                if (string.IsNullOrWhiteSpace(code)) throw new DomainException($"{where}: field 'code' is missing.");
                where = $"{name}: unit {code}";
                if (!codesInFile.Add(code)) throw new DomainException($"{where}: appears more than once.");
                var unitName = OptionalString(u, "name", where) ?? code;
                var parent = OptionalString(u, "parentCode", where);
                if (!seenUnits.ContainsKey(code))
                {
                    var unit = new Unit(code, unitName, parent);
                    seenUnits[code] = unit;
                    _units.Add(unit);
                }
                else if (seenUnits[code].ParentCode != parent)
                    throw new DomainException($"{where}: field 'parentCode' is '{parent}' here but '{seenUnits[code].ParentCode}' in another group file.");

                if (!_inputs.TryGetValue(code, out var codes)) _inputs[code] = codes = new Dictionary<string, MeasureCount?>(StringComparer.Ordinal);
                var available = !(u.TryGetProperty("inputsAvailable", out var a) && a.ValueKind == JsonValueKind.False);
                if (!u.TryGetProperty("indicators", out var indicators) || indicators.ValueKind != JsonValueKind.Object)
                    throw new DomainException($"{where}: field 'indicators' must be an object.");
                foreach (var indicator in catalogGroup.Indicators)
                {
                    if (!available || !indicators.TryGetProperty(indicator.Id, out var i)) { codes[indicator.Id] = null; continue; }
                    codes[indicator.Id] = ReadCount(i, $"{where}: field 'indicators.{indicator.Id}");
                }
            }
        }
    }

    /// <summary>{numerator, denominator} as non-negative integers, or the portal's percentage where it publishes no
    /// counts (providedRatio, e.g. the certified copies): kept exactly as hundredths out of 10,000.</summary>
    private static MeasureCount? ReadCount(JsonElement i, string where)
    {
        if (i.ValueKind != JsonValueKind.Object) throw new DomainException($"{where}' must be an object.");
        var num = Count(i, "numerator", where);
        var den = Count(i, "denominator", where);
        if (num is { } n && den is { } d) return new MeasureCount(n, d, []);
        if (num is null && den is null && i.TryGetProperty("providedRatio", out var ratio) && ratio.ValueKind == JsonValueKind.Number)
        {
            var percent = ratio.GetDecimal();
            if (percent is < 0 or > 100) throw new DomainException($"{where}.providedRatio' is {percent.ToString(CultureInfo.InvariantCulture)}, not a percentage.");
            return MeasureCount.FromPercentage(percent);
        }
        return null;
    }

    private static long? Count(JsonElement i, string field, string where)
    {
        if (!i.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < 0)
            throw new DomainException($"{where}.{field}' is {v.GetRawText()}, not a non-negative integer.");
        return n;
    }

    private static string? OptionalString(JsonElement e, string field, string where)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new DomainException($"{where}: field '{field}' must be a string.");
        return v.GetString();
    }
}
