using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;

namespace Hub.Domain.Portal;

/// <summary>Scores every row of a counts folder from its own counts (the portal's parent rows carry their own pooled
/// counts, so nothing is pooled here). A group whose inputs the folder does not carry gets no score: never a copy of
/// the published one.</summary>
public static class CountsRecompute
{
    public static IndexResult Run(string directory, Period period, IndexCatalog catalog)
    {
        var folder = CountsFolder.Read(directory, period, catalog);
        var tree = folder.Tree;
        var result = IndexScorer.ScoreRows(period, catalog, tree, (unit, indicator, _) => folder.Find(unit, indicator.Id));
        return tree.AbsentParents.Count == 0 ? result : result with { Notes = [AbsentParentsNote(tree.AbsentParents)] };
    }

    /// <summary>"3 rows name a parent absent from the capture and are roots of it: X (parent P), ..."</summary>
    public static string AbsentParentsNote(IReadOnlyDictionary<string, string> absent) =>
        $"{absent.Count} row(s) name a parent absent from the capture and are scored as roots of it (ranked among the rows naming the same parent): " +
        string.Join(", ", absent.Take(10).Select(a => $"{a.Key} (parent {a.Value})")) + (absent.Count > 10 ? ", …" : "");
}
