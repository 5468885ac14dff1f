using System.CommandLine;
using Hub.Domain;
using Hub.Domain.Audit;
using Hub.Domain.Catalog;

namespace Hub.Local.Commands;

public static class RecomputeCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "Audit file (JSON, format of index-766.md)", Required = true };
        var period = new Option<string>("--period") { Description = "Quarter, e.g. 2026-Q3", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the result (JSON); written only if scoring succeeds", Required = true };
        var methodology = new Option<string>("--methodology") { Description = "Catalog version", DefaultValueFactory = _ => IndexCatalogs.Default };
        var explain = new Option<bool>("--explain") { Description = "Add, per indicator, a sample of the record ids that cost points" };
        var catalogFile = new Option<FileInfo?>("--catalog") { Description = "Score with a catalog file instead of a shipped version (validated the same way)" };
        var targets = new Option<FileInfo?>("--targets") { Description = "Also write progress against the plan targets (a separate view, not part of the score) to this file" };
        var command = new Command("recompute", "Score an audit file offline (no storage needed).") { input, period, output, methodology, explain, catalogFile, targets };
        command.SetAction(parse =>
        {
            var inFile = parse.GetValue(input)!;
            var outFile = parse.GetValue(output)!;
            if (!inFile.Exists) { Console.Error.WriteLine($"Input file not found: {inFile.FullName}"); return 2; }
            try
            {
                var p = Hub.Domain.Periods.Period.Parse(parse.GetValue(period));
                var catalog = parse.GetValue(catalogFile) is { } cf ? IndexCatalogs.FromFile(cf.FullName) : IndexCatalogs.Get(parse.GetValue(methodology)!);
                Hub.Domain.Scoring.IndexResult result;
                using (var stream = new FileStream(inFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                    result = Recompute.Run(stream, p, catalog);
                // Nothing partial: write next to the target, then move into place.
                var temp = outFile.FullName + ".tmp-" + Environment.ProcessId;
                using (var o = File.Create(temp)) IndexResultJson.Write(o, result, parse.GetValue(explain));
                File.Move(temp, outFile.FullName, overwrite: true);
                if (parse.GetValue(targets) is { } targetsFile)
                    File.WriteAllBytes(targetsFile.FullName, Hub.Domain.Targets.TargetProgress.ToJson(result, catalog));
                Console.WriteLine($"{result.Units.Count} units scored for {result.Period} ({result.Methodology}) -> {outFile.FullName}");
                return 0;
            }
            catch (DomainException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
