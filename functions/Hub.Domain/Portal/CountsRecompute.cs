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
        return IndexScorer.ScoreRows(period, catalog, folder.Tree, (unit, indicator, _) => folder.Find(unit, indicator.Id));
    }
}
