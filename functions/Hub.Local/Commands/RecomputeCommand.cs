using Hub.Domain;
using Hub.Domain.Audit;
using Hub.Domain.Catalog;
using Hub.Domain.Portal;
using Hub.Domain.Scoring;

namespace Hub.Local.Commands;

public static class RecomputeCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "Audit file (JSON, format of docs/methodology-766-2022.md)" };
        var counts = new Option<DirectoryInfo?>("--counts") { Description = "Folder of the portal's group count files of one period (format qd766-canonical/1, docs/methodology-766-portal.md); every row is scored from its own counts" };
        var period = new Option<string>("--period") { Description = "Month (2026-08), quarter (2026-Q3) or year (2026)", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the result (JSON); written only if scoring succeeds", Required = true };
        var methodology = new Option<string?>("--methodology") { Description = $"Catalog version ({string.Join(", ", IndexCatalogs.Versions)}); default {IndexCatalogs.Default} for --input, 766-portal for --counts" };
        var explain = new Option<bool>("--explain") { Description = "Add, per indicator, a sample of the record ids that cost points" };
        var catalogFile = new Option<FileInfo?>("--catalog") { Description = "Score with a catalog file instead of a shipped version (validated the same way)" };
        var targets = new Option<FileInfo?>("--targets") { Description = "Also write progress against the plan targets (a separate view, not part of the score) to this file" };
        var compareWith = new Option<string?>("--compare-with") { Description = "What-if: also score the same records under this methodology and write the comparison (per unit: both totals, bands, ranks, the indicators that explain the change) to --comparison" };
        var comparison = new Option<FileInfo?>("--comparison") { Description = "Where to write the comparison of --compare-with (JSON)" };
        var command = new Command("recompute", "Score an audit file or a portal counts folder offline (no storage needed).") { input, counts, period, output, methodology, explain, catalogFile, targets, compareWith, comparison };
        command.SetAction(parse =>
        {
            var inFile = parse.GetValue(input);
            var countsDir = parse.GetValue(counts);
            var outFile = parse.GetValue(output)!;
            if ((inFile is null) == (countsDir is null)) { Console.Error.WriteLine("error: give either --input (an audit file) or --counts (a counts folder)."); return 2; }
            if (inFile is { Exists: false }) { Console.Error.WriteLine($"error: Input file not found: {inFile.FullName}"); return 2; }
            if ((parse.GetValue(compareWith) is null) != (parse.GetValue(comparison) is null)) { Console.Error.WriteLine("error: give --compare-with and --comparison together."); return 2; }
            var badOutput = OutputProblem(outFile) ?? (parse.GetValue(targets) is { } t ? OutputProblem(t) : null) ?? (parse.GetValue(comparison) is { } cmp ? OutputProblem(cmp) : null);
            if (badOutput is not null) { Console.Error.WriteLine($"error: {badOutput}"); return 2; }
            try
            {
                var p = Period.Parse(parse.GetValue(period));
                var version = parse.GetValue(methodology) ?? (countsDir is null ? IndexCatalogs.Default : IndexCatalogs.Portal);
                var catalog = parse.GetValue(catalogFile) is { } cf ? IndexCatalogs.FromFile(cf.FullName) : IndexCatalogs.Get(version);
                IndexResult Score(IndexCatalog c)
                {
                    if (countsDir is not null) return CountsRecompute.Run(countsDir.FullName, p, c);
                    using var stream = new FileStream(inFile!.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    return Recompute.Run(stream, p, c);
                }
                var result = Score(catalog);
                MethodologyComparison? whatIf = null;
                if (parse.GetValue(compareWith) is { } otherVersion)
                {
                    var other = IndexCatalogs.Get(otherVersion);
                    whatIf = MethodologyComparer.Compare(result, Score(other), catalog, other);
                }
                var writeError = WriteAtomically(outFile, o => IndexResultJson.Write(o, result, parse.GetValue(explain)));
                if (writeError is null && parse.GetValue(targets) is { } targetsFile)
                    writeError = WriteAtomically(targetsFile, o => o.Write(Hub.Domain.Targets.TargetProgress.ToJson(result, catalog)));
                if (writeError is null && whatIf is not null)
                    writeError = WriteAtomically(parse.GetValue(comparison)!, o => System.Text.Json.JsonSerializer.Serialize(o, whatIf, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
                if (writeError is not null) { Console.Error.WriteLine($"error: {writeError}"); return 2; }
                Console.WriteLine($"{result.Units.Count} units scored for {result.Period} ({result.Methodology}) -> {outFile.FullName}");
                foreach (var note in result.Notes ?? []) Console.WriteLine($"note: {note}");
                return 0;
            }
            catch (DomainException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot read the input: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>Checked before any work: a result that cannot be written is not computed.</summary>
    private static string? OutputProblem(FileInfo file) =>
        Directory.Exists(file.FullName) ? $"output path {file.FullName} is a directory; give a file name."
        : file.Directory is not { Exists: true } ? $"output folder {file.DirectoryName} does not exist."
        : null;

    /// <summary>Nothing partial and nothing stray: written beside the target, moved into place, the temporary file
    /// removed whatever happens.</summary>
    private static string? WriteAtomically(FileInfo file, Action<Stream> write)
    {
        var temp = file.FullName + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var o = File.Create(temp)) write(o);
            File.Move(temp, file.FullName, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write {file.FullName}: {e.Message}";
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
        }
    }
}
