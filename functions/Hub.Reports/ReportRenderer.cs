using Hub.Domain.Audit;
using Hub.Domain.Scoring;

namespace Hub.Reports;

/// <summary>Renders the files of a publication from an index result.</summary>
public static class ReportRenderer
{
    public static IReadOnlyList<ReportFile> Render(IndexResult result) =>
    [
        new("index.json", "application/json", IndexResultJson.ToBytes(result, explain: true)),
        new("index.csv", "text/csv; charset=utf-8", CsvReport.Render(result)),
        // Tracked beside the index, never part of it.
        new("plan-targets.json", "application/json",
            Hub.Domain.Targets.TargetProgress.ToJson(result, Hub.Domain.Catalog.IndexCatalogs.Get(result.Methodology))),
    ];

    /// <summary>SHA-256 over the files (name and content, in name order): the identity of a publication's content.</summary>
    public static string ContentHash(IEnumerable<ReportFile> files)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var f in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(f.Name + "\n"));
            sha.AppendData(System.Security.Cryptography.SHA256.HashData(f.Content));
        }
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
